/**
 * Base64 for binary payloads inside JSON messages (Yjs updates on the signaling socket). Uses
 * atob/btoa, which Node 20 and browsers both have, so the same code runs on either side.
 */

// String.fromCharCode takes its arguments on the stack: convert in slices.
const SLICE = 0x8000;

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += SLICE)
    binary += String.fromCharCode(...bytes.subarray(i, i + SLICE));
  return btoa(binary);
}

/** Throws on text that is not base64 (atob's DOMException), which callers turn into `invalid`. */
export function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
