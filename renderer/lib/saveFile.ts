/**
 * Offers bytes the renderer received over IPC as a download through a Blob link: this works in
 * the browser host as is; in Electron the session's default download handling asks where to save.
 */
export function saveFile(bytes: Uint8Array, fileName: string, mimeType: string): void {
  // A copy with its own ArrayBuffer: what Blob accepts whatever backs the received bytes.
  const blob = new Blob([new Uint8Array(bytes)], { type: mimeType });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later: some browsers read the Blob after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
