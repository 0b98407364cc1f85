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
  rejections: {
    title: 'The server did not accept {{count}} of your annotation changes',
    hint: 'These changes were sent but the server did not accept them; the document shows the annotations as the server has them.',
    at: 'At {{time}}',
    dismiss: 'Got it',
    dismissLabel: 'Got it, hide the notice: {{change}}',
    dismissAll: 'Hide all',
    action: {
      create: 'Creating {{what}}',
      update: 'Editing {{what}}',
      share: 'Sharing {{what}} with everyone',
      unshare: 'Unsharing {{what}}',
      delete: 'Deleting {{what}}',
      unknown: 'A change to {{what}}',
    },
    what: 'the {{kind}} on page {{page}}',
    whatText: 'the {{kind}} on page {{page}} (“{{excerpt}}”)',
    whatUnknown: 'an annotation',
    kinds: {
      ink: 'ink stroke',
      highlight: 'highlight',
      note: 'sticky note',
    },
    reason: {
      not_participant:
        'You are not a participant of this meeting, so you cannot annotate its documents.',
      document_not_found:
        'This document or version is no longer in the meeting, so the annotation was not saved.',
      annotation_exists:
        'The server already has an annotation with the same id, so this one was not saved. Please make it again.',
      annotation_not_found:
        'This annotation is no longer on the server: you may have deleted it on another computer.',
      not_author: 'Only the author of an annotation edits, shares or deletes it.',
      share_not_allowed:
        'Only the secretary or the chair of the meeting shares annotations with everyone; your role in the meeting may have changed.',
      invalid:
        'The change is not valid, for example an annotation on a page the document does not have.',
      unknown: 'The server did not accept this change ({{message}}).',
    },
  },
  readOnly:
    'You can see shared annotations, but you cannot annotate the documents of this meeting.',
  failed: 'The annotation could not be saved',
  noSelection: 'Select the text to highlight first.',
};
