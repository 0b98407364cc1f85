/**
 * Receives one multipart upload: the file part is streamed to a temporary file while hashing
 * SHA-256, and the size cap is enforced as the bytes arrive (busboy stops writing at the limit).
 * On any failure the temporary file is removed and the rest of the request is drained, so the
 * client reads a clear 4xx and nothing stays on disk.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import { Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { AppError, InvalidError } from '../../../common/errors';
import { uploadFieldNames, uploadFieldsSchema } from '../../../common/protocol/documentsApi';
import type { DocumentFileStore } from './DocumentFileStore';

export interface ReceivedUpload {
  tempFile: string;
  sha256: string;
  sizeBytes: number;
  /** The client's file name, checked to carry no path; used only to derive a title. */
  fileName: string;
  fields: z.infer<typeof uploadFieldsSchema>;
}

/** Room for the multipart framing and the small fields around the file. */
export const MULTIPART_OVERHEAD = 64 * 1024;

export function tooLarge(maxBytes: number): AppError {
  const mb = maxBytes / (1024 * 1024);
  const limit = mb >= 1 ? `${Math.round(mb)} MB` : `${Math.ceil(maxBytes / 1024)} KB`;
  return new AppError('too_large', `The file is larger than the upload limit of ${limit}`, {
    maxBytes,
  });
}

/**
 * A browser sends only a base name; a name with a directory in it comes from a crafted request
 * and is refused outright rather than silently cut down.
 */
export function checkFileName(name: string): void {
  if (/[/\\]|^\.\.?$/.test(name) || hasControlCharacters(name)) {
    throw new InvalidError(
      `The file name "${withoutControlCharacters(name, '?')}" contains a path or control characters; send the file under its own name only`,
      { reason: 'path_in_name' },
    );
  }
}

const isControl = (c: string) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f;
const hasControlCharacters = (s: string) => [...s].some(isControl);
const withoutControlCharacters = (s: string, by: string) =>
  [...s].map((c) => (isControl(c) ? by : c)).join('');

/** Fastify multipart's errors, in the shared taxonomy. */
function multipartError(error: unknown, maxBytes: number): unknown {
  if (error instanceof AppError) return error;
  const code = (error as { code?: string }).code;
  switch (code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return tooLarge(maxBytes);
    case 'FST_FILES_LIMIT':
      return new InvalidError('Send one file per upload');
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return new InvalidError('The upload has too many fields');
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return new InvalidError('Send the document as multipart/form-data');
    case 'FST_PROTO_VIOLATION':
      return new InvalidError('Invalid field name');
    default:
      break;
  }
  const message = error instanceof Error ? error.message : '';
  if (/unexpected end|terminated early|premature close|malformed/i.test(message))
    return new InvalidError('The upload was cut off or malformed; try again');
  return error;
}

export async function receiveUpload(
  request: FastifyRequest,
  store: DocumentFileStore,
  maxBytes: number,
): Promise<ReceivedUpload> {
  const received = await readUpload(request, maxBytes, store);
  return { ...received, tempFile: received.tempFile! };
}

/**
 * Reads an upload as `receiveUpload` does, hashing and counting it, but keeps none of it: a retry
 * of an upload already stored is compared with the first by its SHA-256, and nothing is written
 * (a full disk does not stop the first answer from being given again).
 */
export async function hashUpload(
  request: FastifyRequest,
  maxBytes: number,
): Promise<Omit<ReceivedUpload, 'tempFile'>> {
  const { tempFile: _none, ...received } = await readUpload(request, maxBytes, undefined);
  return received;
}

async function readUpload(
  request: FastifyRequest,
  maxBytes: number,
  store: DocumentFileStore | undefined,
): Promise<Omit<ReceivedUpload, 'tempFile'> & { tempFile: string | undefined }> {
  if (!request.isMultipart()) throw new InvalidError('Send the document as multipart/form-data');
  const declared = Number(request.headers['content-length']);
  // Refused before reading when the client says up front that it is too big.
  if (Number.isFinite(declared) && declared > maxBytes + MULTIPART_OVERHEAD)
    throw tooLarge(maxBytes);

  let tempFile: string | undefined;
  let received: Omit<ReceivedUpload, 'fields' | 'tempFile'> | undefined;
  const fields: Record<string, string> = {};
  try {
    const parts = request.parts({
      // Keep the name as sent, so a path in it is seen and refused (busboy would strip it).
      preservePath: true,
      limits: { fileSize: maxBytes, files: 1, fields: 4, fieldSize: 4096, parts: 5 },
    });
    for await (const part of parts) {
      if (part.type === 'field') {
        if (typeof part.value !== 'string' || part.valueTruncated)
          throw new InvalidError(`Field "${part.fieldname}" is too long`);
        fields[part.fieldname] = part.value;
        continue;
      }
      if (part.fieldname !== uploadFieldNames.file)
        throw new InvalidError(`Send the PDF in the "${uploadFieldNames.file}" field`);
      checkFileName(part.filename);
      const hash = createHash('sha256');
      let size = 0;
      const counter = new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          hash.update(chunk);
          size += chunk.length;
          callback(null, chunk);
        },
      });
      if (store) {
        tempFile = await store.tempPath();
        const handle = await fs.open(tempFile, 'wx');
        await pipeline(part.file, counter, handle.createWriteStream());
      } else {
        await pipeline(part.file, counter, new Writable({ write: (_chunk, _enc, done) => done() }));
      }
      // busboy stops at the limit and flags the part; the multipart iterator would throw next.
      if (part.file.truncated || size > maxBytes) throw tooLarge(maxBytes);
      received = { sha256: hash.digest('hex'), sizeBytes: size, fileName: part.filename };
    }
    if (!received)
      throw new InvalidError(`No file: send the PDF in the "${uploadFieldNames.file}" field`);
    const parsed = uploadFieldsSchema.safeParse(fields);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new InvalidError(
        `Invalid upload field${issue?.path.length ? ` ${issue.path.join('.')}` : ''}: ${issue?.message ?? 'bad value'}`,
      );
    }
    return { ...received, tempFile, fields: parsed.data };
  } catch (error) {
    await store?.discard(tempFile);
    // busboy was unpiped: let the rest of the body flow away so the answer reaches the client.
    request.raw.resume();
    throw multipartError(error, maxBytes);
  }
}

/** The title from the form, or the file's name without `.pdf`, tidied; throws when none is left. */
export function titleFor(fieldTitle: string | undefined, fileName: string): string {
  const raw = fieldTitle ?? fileName.replace(/\.pdf$/i, '');
  const title = withoutControlCharacters(raw.normalize('NFC'), ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 300);
  if (!title) throw new InvalidError('The document needs a title', { reason: 'no_title' });
  return title;
}
