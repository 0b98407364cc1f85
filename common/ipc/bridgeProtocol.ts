/**
 * Frames of the browser bridge: the renderer in a plain browser reaches the same main-process
 * services over one WebSocket to a Node host (tests, guests). A profile id, kept by the browser,
 * selects that client's own services and local store.
 */
import { z } from 'zod';

export const BRIDGE_PATH = '/bridge';
export const BRIDGE_PROTOCOL_VERSION = 1;

export const bridgeClientFrameSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('hello'),
    version: z.number().int(),
    profileId: z.string().regex(/^[a-zA-Z0-9-]{8,64}$/),
  }),
  z.strictObject({
    type: z.literal('invoke'),
    id: z.number().int().nonnegative(),
    channel: z.string().max(64),
    request: z.unknown(),
  }),
]);
export type BridgeClientFrame = z.infer<typeof bridgeClientFrameSchema>;

const serializedErrorSchema = z.object({
  code: z.string(),
  name: z.string(),
  message: z.string(),
  details: z.unknown().optional(),
});

// A plain union: two frames share type 'result' and differ by `ok`.
export const bridgeHostFrameSchema = z.union([
  z.object({ type: z.literal('ready') }),
  z.object({
    type: z.literal('result'),
    id: z.number().int(),
    ok: z.literal(true),
    value: z.unknown(),
  }),
  z.object({
    type: z.literal('result'),
    id: z.number().int(),
    ok: z.literal(false),
    error: serializedErrorSchema,
  }),
  z.object({ type: z.literal('event'), event: z.string(), payload: z.unknown() }),
]);
export type BridgeHostFrame = z.infer<typeof bridgeHostFrameSchema>;

/**
 * Binary values (a document's bytes to the page, a picked file's bytes from it) inside frames,
 * both ways. A frame without any is sent as JSON text. A frame with Uint8Array values goes as one
 * binary message:
 * `[u32 big-endian: header length][header: UTF-8 JSON][the byte arrays, back to back]`, where the
 * header is `{ frame, binaryLengths }` and each Uint8Array in `frame` is replaced by
 * `{ "$phonghopBinary": index }`. No base64: a 50 MB PDF stays 50 MB on the wire.
 */
const BINARY_KEY = '$phonghopBinary';

function extractBinaries(value: unknown, out: Uint8Array[]): unknown {
  if (value instanceof Uint8Array) {
    out.push(value);
    return { [BINARY_KEY]: out.length - 1 };
  }
  if (Array.isArray(value)) return value.map((v) => extractBinaries(v, out));
  if (value !== null && typeof value === 'object') {
    const copy: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) copy[key] = extractBinaries(v, out);
    return copy;
  }
  return value;
}

function reviveBinaries(value: unknown, binaries: Uint8Array[]): unknown {
  if (Array.isArray(value)) return value.map((v) => reviveBinaries(v, binaries));
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 1 && entries[0]![0] === BINARY_KEY) {
      const binary = binaries[entries[0]![1] as number];
      if (!binary) throw new Error('binary frame refers to a missing part');
      return binary;
    }
    const copy: Record<string, unknown> = {};
    for (const [key, v] of entries) copy[key] = reviveBinaries(v, binaries);
    return copy;
  }
  return value;
}

/** A frame as it goes on the socket: JSON text, or one binary message when it carries bytes. */
export function encodeFrame(frame: BridgeHostFrame | BridgeClientFrame): string | Uint8Array {
  const binaries: Uint8Array[] = [];
  const withPlaceholders = extractBinaries(frame, binaries);
  if (binaries.length === 0) return JSON.stringify(frame);
  const header = new TextEncoder().encode(
    JSON.stringify({ frame: withPlaceholders, binaryLengths: binaries.map((b) => b.byteLength) }),
  );
  const total = 4 + header.byteLength + binaries.reduce((n, b) => n + b.byteLength, 0);
  const message = new Uint8Array(total);
  new DataView(message.buffer).setUint32(0, header.byteLength);
  message.set(header, 4);
  let offset = 4 + header.byteLength;
  for (const binary of binaries) {
    message.set(binary, offset);
    offset += binary.byteLength;
  }
  return message;
}

/** The frame a socket message holds (not yet validated); throws on a malformed message. */
export function decodeFrame(data: string | ArrayBuffer | Uint8Array): unknown {
  if (typeof data === 'string') return JSON.parse(data);
  // A plain Uint8Array view even over a Node Buffer, whose slice() would not copy.
  const bytes =
    data instanceof Uint8Array
      ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
      : new Uint8Array(data);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getUint32(0);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(4, 4 + headerLength))) as {
    frame?: unknown;
    binaryLengths?: unknown;
  };
  const lengths = header.binaryLengths;
  if (!Array.isArray(lengths) || !lengths.every((n) => Number.isInteger(n) && n >= 0))
    throw new Error('binary frame without valid lengths');
  const binaries: Uint8Array[] = [];
  let offset = 4 + headerLength;
  for (const length of lengths as number[]) {
    if (offset + length > bytes.byteLength) throw new Error('binary frame is truncated');
    // A copy with its own buffer, so the receiver may keep or transfer it.
    binaries.push(bytes.slice(offset, offset + length));
    offset += length;
  }
  return reviveBinaries(header.frame, binaries);
}

/** Host to page (documents.read, tasks.export, tasks.readAttachment). */
export const encodeHostFrame: (frame: BridgeHostFrame) => string | Uint8Array = encodeFrame;
export const decodeHostFrame = decodeFrame;
/** Page to host (tasks.stageAttachment, documents.upload). */
export const encodeClientFrame: (frame: BridgeClientFrame) => string | Uint8Array = encodeFrame;
export const decodeClientFrame = decodeFrame;

/**
 * The largest message the host accepts from a page: one attachment and its frame. A document to
 * upload must fit too: in the browser shell a larger PDF is refused before it is sent (the desktop
 * app's IPC has no such limit; the server's own cap applies to both).
 */
export const MAX_CLIENT_MESSAGE_BYTES = 21 * 1024 * 1024;
