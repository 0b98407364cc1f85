/**
 * Encryption at rest of confidential documents in the local cache (issue #4; docs/documents.md).
 *
 * - A cached file is `MAGIC | IV (12 bytes, random per file) | AES-256-GCM ciphertext | tag`,
 *   with MAGIC as additional data. Opening checks the tag before any byte is returned: a file
 *   altered on disk (or sealed under another key) opens as `undefined`, never as wrong bytes.
 * - A download in progress is kept in AES-256-CTR under a key derived from the same secret
 *   (HKDF, so the two modes never share a key), after a random 16-byte IV: CTR can resume at any
 *   byte offset, so a dropped district link resumes with Range as for other documents, and no
 *   plaintext is ever written. The whole file's SHA-256 is checked once complete, then sealed.
 * - The 256-bit key is made on first use and kept in the secret store (safeStorage in Electron,
 *   so it is wrapped by the OS keychain), never next to the files it protects.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type { SecretStore } from './secrets';

const KEY_NAME = 'documentCacheKey';
const KEY_BYTES = 32;
const MAGIC = Buffer.from('PHSEAL1\n', 'latin1');
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** The IV in front of a download in progress. */
export const PART_HEADER_BYTES = 16;
const BLOCK = 16;

export class DocumentSealer {
  readonly #secrets: SecretStore;
  #keys: Promise<{ seal: Buffer; part: Buffer }> | undefined;

  constructor(secrets: SecretStore) {
    this.#secrets = secrets;
  }

  /** `MAGIC | IV | ciphertext | tag` of `plain`, under a fresh random IV. */
  async seal(plain: Uint8Array): Promise<Buffer> {
    const { seal } = await this.#key();
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', seal, iv).setAAD(MAGIC);
    const body = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([MAGIC, iv, body, cipher.getAuthTag()]);
  }

  /** The plaintext of a sealed file; undefined when it is not one or fails authentication. */
  async open(sealed: Uint8Array): Promise<Buffer | undefined> {
    const bytes = Buffer.from(sealed.buffer, sealed.byteOffset, sealed.byteLength);
    if (bytes.byteLength < MAGIC.length + IV_BYTES + TAG_BYTES) return undefined;
    if (!bytes.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
    const { seal } = await this.#key();
    const iv = bytes.subarray(MAGIC.length, MAGIC.length + IV_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', seal, iv).setAAD(MAGIC);
    decipher.setAuthTag(bytes.subarray(bytes.byteLength - TAG_BYTES));
    try {
      const body = bytes.subarray(MAGIC.length + IV_BYTES, bytes.byteLength - TAG_BYTES);
      // NOTE: update()'s output is not trusted until final() has checked the tag.
      return Buffer.concat([decipher.update(body), decipher.final()]);
    } catch {
      return undefined;
    }
  }

  /** A fresh IV for a new download in progress, written as its first PART_HEADER_BYTES. */
  newPartIv(): Buffer {
    return randomBytes(PART_HEADER_BYTES);
  }

  /**
   * En- or decrypts (CTR is symmetric) the bytes of a download in progress from `offset` on,
   * chunk after chunk, for the part whose header is `iv`.
   */
  async partCipher(iv: Uint8Array, offset: number): Promise<(chunk: Uint8Array) => Buffer> {
    const { part } = await this.#key();
    const cipher = createCipheriv('aes-256-ctr', part, counterAt(iv, Math.floor(offset / BLOCK)));
    // Into the block where `offset` lies: the keystream of the bytes before it is thrown away.
    cipher.update(Buffer.alloc(offset % BLOCK));
    return (chunk) => cipher.update(chunk);
  }

  /** The plaintext of a complete download in progress (its header, then the CTR bytes). */
  async openPart(part: Uint8Array): Promise<Buffer> {
    const decrypt = await this.partCipher(part.subarray(0, PART_HEADER_BYTES), 0);
    return decrypt(part.subarray(PART_HEADER_BYTES));
  }

  /** The keys, from the secret store, or made and stored on first use. */
  #key(): Promise<{ seal: Buffer; part: Buffer }> {
    this.#keys ??= this.#loadOrCreate().catch((error: unknown) => {
      this.#keys = undefined;
      throw error;
    });
    return this.#keys;
  }

  async #loadOrCreate(): Promise<{ seal: Buffer; part: Buffer }> {
    const stored = await this.#secrets.get(KEY_NAME);
    let secret = stored === undefined ? undefined : Buffer.from(stored, 'base64');
    if (secret?.byteLength !== KEY_BYTES) {
      // NOTE: a lost or damaged key only costs the sealed copies: they fail to open and are
      // downloaded again under the new key.
      secret = randomBytes(KEY_BYTES);
      await this.#secrets.set(KEY_NAME, secret.toString('base64'));
    }
    const derive = (info: string) =>
      Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), info, KEY_BYTES));
    return {
      seal: derive('phonghop document cache: sealed files'),
      part: derive('phonghop document cache: downloads in progress'),
    };
  }
}

/** The 128-bit big-endian counter block `iv + blocks`. */
function counterAt(iv: Uint8Array, blocks: number): Buffer {
  const counter = Buffer.from(iv);
  let carry = blocks;
  for (let i = counter.length - 1; i >= 0 && carry > 0; i--) {
    const sum = counter[i]! + (carry % 256);
    counter[i] = sum % 256;
    carry = Math.floor(carry / 256) + Math.floor(sum / 256);
  }
  return counter;
}
