/**
 * Saves an export of the tasks in view: main builds the file from the local replica and the
 * renderer offers its bytes as a download (see `saveFile`; a native save dialog through main can
 * come later).
 */
import { getApi } from '../../lib/api';
import { saveFile } from '../../lib/saveFile';

export type ExportFormat = 'xlsx' | 'pdf';

export async function downloadTaskExport(
  format: ExportFormat,
  taskIds: readonly string[],
  title: string,
): Promise<string> {
  const file = await getApi().invoke('tasks.export', { format, taskIds: [...taskIds], title });
  saveFile(file.bytes, file.fileName, file.mimeType);
  return file.fileName;
}
