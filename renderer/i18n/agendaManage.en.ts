import type { AgendaManageMessages, UploadErrorMessages } from './agendaManage.vi';

/** English strings of agenda management; typed against the Vietnamese source. */
export const agendaManageEn: AgendaManageMessages = {
  upload: 'Upload a document',
  uploadFor: 'Upload a document for item {{number}}: {{title}}',
  uploadVersion: 'Upload a new version',
  uploadVersionOf: 'Upload a new version of {{title}}',
  setCurrent: 'Move the discussion here',
  setCurrentOf: 'Move the discussion to item {{number}}: {{title}}',
  clearCurrent: 'End the discussion',
  clearCurrentOf: 'End the discussion of item {{number}}: {{title}}',
  setCurrentFailed: 'The item under discussion could not be changed',
  dialogDocument: 'Upload a new document',
  dialogVersion: 'Upload a new version',
  forItem: 'Item {{number}}: {{title}}',
  forDocument: 'Document “{{title}}”, now at version {{version}}',
  file: 'PDF file',
  fileHint: 'Choose a PDF file on this computer.',
  chosen: 'Chosen: {{name}} ({{size}})',
  title: 'Document title',
  titleHint: 'The file name by default; you may change it.',
  confidential: 'Confidential',
  confidentialHint: 'Only the invited participants may read this document.',
  submit: 'Upload',
  cancel: 'Cancel',
  close: 'Close',
  sending: 'Sending {{percent}}%',
  checking: 'Sent; the server is checking the file…',
  progressLabel: 'Upload progress of {{name}}',
  failed: 'The document could not be uploaded',
  uploaded: 'Uploaded “{{title}}”.',
  uploadedVersion: 'Uploaded version {{version}} of “{{title}}”.',
};

export const uploadErrorsEn: UploadErrorMessages = {
  not_pdf: 'The chosen file is not a PDF. Please choose a PDF file.',
  pdf_empty: 'The PDF is empty: it has no pages.',
  pdf_incomplete:
    'The PDF is incomplete (it may have been cut off while copying). Please get the original file and try again.',
  pdf_damaged: 'The PDF is damaged and cannot be read. Please check the file.',
  pdf_encrypted: 'The PDF is password-protected. Please upload a copy without a password.',
  pdf_too_many_pages:
    'The PDF has more pages than the server accepts. Please split the document into smaller files and upload them.',
  pdf_timeout:
    'Checking the PDF took the server too long (the file is too complex or damaged). Please save it again as a plain PDF (for example with “Print to PDF”) and try again.',
  pdf_too_complex:
    'The PDF is too complex: checking it needs too much memory. Please save it again as a plain PDF (for example with “Print to PDF”) and try again.',
  path_in_name: 'The file name is not valid. Please rename the file and try again.',
  no_title: 'The document needs a title.',
  too_large: 'The file is larger than allowed ({{limit}} MB).',
  meeting_quota:
    'This meeting’s documents have used all the space the server allows one meeting. Please contact IT support.',
  forbidden: 'Only the meeting’s chair or secretary, or an administrator, may change the agenda.',
};
