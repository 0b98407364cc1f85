import type { PresentationMessages } from './presentation.vi';

/** English strings of presenter sync; typed against the Vietnamese source. */
export const presentationEn: PresentationMessages = {
  title: 'Presented document',
  follow: 'Follow the presenter',
  none: 'No document is being presented.',
  now: 'Presenting: {{title}} — {{name}} ({{site}}), page {{page}}',
  choose: 'Document',
  choosePlaceholder: 'Choose a document to present',
  start: 'Present',
  stop: 'Stop presenting',
  appoint: 'Presenter',
  appointNobody: 'The chair or the secretary',
};
