/**
 * Saves an export of the tasks in view. The renderer receives the file's bytes over IPC and
 * offers them as a download through a Blob link: this works in the browser host as is; in
 * Electron the session's default download handling asks where to save (a native save dialog
 * through main can come later).
 */
import { getApi } from '../../lib/api';

export type ExportFormat = 'xlsx' | 'pdf';

export async function downloadTaskExport(
  format: ExportFormat,
  taskIds: readonly string[],
  title: string,
): Promise<string> {
  const file = await getApi().invoke('tasks.export', { format, taskIds: [...taskIds], title });
  // A copy with its own ArrayBuffer: what Blob accepts whatever backs the received bytes.
  const blob = new Blob([new Uint8Array(file.bytes)], { type: file.mimeType });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later: some browsers read the Blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return file.fileName;
}
