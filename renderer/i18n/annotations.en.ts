import type { Messages } from './vi';

/** English strings of annotations on agenda documents (issue #4). */
export const annotationsEn: Messages['annotations'] = {
  toolbar: 'Annotation tools',
  tools: {
    ink: 'Free-hand ink',
    highlight: 'Highlight',
    note: 'Sticky note',
  },
  toolHints: {
    ink: 'Hold the mouse button (or pen) and draw on the page.',
    highlight: 'Select the text to highlight; or select it and press “Highlight”.',
    note: 'Click where the note should go on the page.',
  },
  colors: {
    label: 'Colour',
    '#f5c400': 'Yellow',
    '#d62828': 'Red',
    '#1d4ed8': 'Blue',
    '#15803d': 'Green',
  },
  share: 'Share with everyone',
  shareHint: 'New annotations are shown to every participant.',
  list: 'Annotations ({{count}})',
  listTitle: 'Annotations on this document',
  listEmpty: 'No annotations on this document yet.',
  export: 'Export PDF with annotations',
  exportDone: 'Exported {{fileName}} ({{count}} annotations).',
  exportFailed: 'The document with annotations could not be exported',
  kinds: {
    ink: 'Ink',
    highlight: 'Highlight',
    note: 'Note',
  },
  markLabel: '{{kind}} by {{author}}, page {{page}}',
  markLabelText: '{{kind}} by {{author}}, page {{page}}: {{text}}',
  item: {
    page: 'Page {{page}}',
    mine: 'Mine',
    by: 'By {{author}}',
    shared: 'Shared',
    private: 'Private',
    pending: 'Waiting to be sent to the server',
    goTo: 'Go to page {{page}}',
    shareOne: 'Share with everyone',
    unshare: 'Stop sharing',
    delete: 'Delete',
    deleteLabel: 'Delete {{kind}} on page {{page}}',
    edit: 'Edit text',
    lost: 'Position not found in the new version',
    lostDetail:
      'This annotation was made on version {{version}}; the text it was attached to is not in the version shown.',
    moved: 'Moved along with version {{version}}',
  },
  note: {
    title: 'Sticky note',
    text: 'Note text',
    save: 'Save note',
    cancel: 'Cancel',
  },
  sync: {
    synced: 'Annotations synced',
    syncing: 'Syncing annotations…',
    pending: '{{count}} changes waiting to be sent',
    offline: 'Offline – annotations are kept on this computer and sent when the link returns',
    error: 'Annotations could not be synced',
  },
  readOnly:
    'You can see shared annotations, but you cannot annotate the documents of this meeting.',
  failed: 'The annotation could not be saved',
  noSelection: 'Select the text to highlight first.',
};
