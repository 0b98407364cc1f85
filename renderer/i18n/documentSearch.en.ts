import type { DocumentSearchMessages } from './documentSearch.vi';

/** English strings of the search across a meeting's documents; typed against the Vietnamese source. */
export const documentSearchEn: DocumentSearchMessages = {
  label: 'Search the documents',
  placeholder: 'Words to find, e.g. kinh phí',
  hint: 'Searches every document of the meeting; with or without Vietnamese accents.',
  submit: 'Search',
  tooShort: 'Please type at least 2 characters.',
  searching: 'Searching…',
  results: 'Search results',
  found_one: 'Found in {{count}} document',
  found_other: 'Found in {{count}} documents',
  none: '“{{query}}” was not found in the meeting’s documents.',
  hits_one: '{{count}} hit',
  hits_other: '{{count}} hits',
  page: 'Page {{page}}',
  openAt: 'Open “{{title}}” at page {{page}}',
  alsoOnPages: 'Also on:',
  titleMatch: 'The title contains the words',
  openDocument: 'Open the document',
  confidential: 'Confidential',
  offlineTitle: 'Cannot reach the server',
  offline:
    'The documents cannot be searched because the server cannot be reached. Documents saved on this computer still open, and an open document can still be searched with the viewer’s own search box (Ctrl+F).',
  failed: 'The search failed',
};
