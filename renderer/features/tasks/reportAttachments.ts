/**
 * Files of progress reports, for the renderer: a picked file is checked here first (the user reads
 * which file breaks which rule before anything is sent), then handed to main, which keeps it on
 * this computer until the report is on the server; a report's file is read from main (its copy,
 * or downloaded) and offered as a download.
 */
import { AppError } from '../../../common/errors';
import { attachmentProblem, type Attachment } from '../../../common/domain/task';
import { getApi } from '../../lib/api';
import { saveFile } from '../../lib/saveFile';

/** What the file picker offers (the rules are checked again whatever the user picks). */
export const ATTACHMENT_ACCEPT =
  '.pdf,.docx,.xlsx,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg';

/** Checks and stores one picked file; throws an AppError whose details name the broken rule. */
export async function stageAttachment(file: File): Promise<Attachment> {
  const name = file.name.normalize('NFC');
  const problem = attachmentProblem({ name, size: file.size });
  if (problem)
    throw new AppError(
      problem.reason === 'attachment_too_large' ? 'too_large' : 'invalid',
      'The file cannot be attached',
      problem,
    );
  const bytes = new Uint8Array(await file.arrayBuffer());
  return getApi().invoke('tasks.stageAttachment', { name, bytes });
}

/** Saves a report's file under its own name. */
export async function downloadAttachment(
  taskId: string,
  reportId: string,
  attachment: Attachment,
): Promise<void> {
  const { bytes } = await getApi().invoke('tasks.readAttachment', {
    taskId,
    reportId,
    attachmentId: attachment.id,
  });
  saveFile(bytes, attachment.name, attachment.mime);
}
