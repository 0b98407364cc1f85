import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DocumentSealer, PART_HEADER_BYTES } from '../../../main/services/DocumentSealer';
import { FileSecretStore } from '../../../main/services/FileSecretStore';
import { tempDir } from '../../helpers/testServer';

const storeIn = (dir: string) => new FileSecretStore(path.join(dir, 'secrets.json'));

describe('DocumentSealer', () => {
  it('seal() then open() returns the bytes; each seal has its own IV; the key is made once and kept', async () => {
    const dir = tempDir('sealer');
    const plain = Buffer.from('%PDF-1.4 kinh phí tổ chức hội nghị');
    const sealer = new DocumentSealer(storeIn(dir));
    const [a, b] = await Promise.all([sealer.seal(plain), sealer.seal(plain)]);
    expect(a.equals(b)).toBe(false);
    expect(a.includes('%PDF')).toBe(false);
    expect(await sealer.open(a)).toEqual(plain);
    const key = JSON.parse(fs.readFileSync(path.join(dir, 'secrets.json'), 'utf8'))
      .documentCacheKey as string;
    // Another instance (the next start of the app) reads the same key from the store.
    expect(await new DocumentSealer(storeIn(dir)).open(b)).toEqual(plain);
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'secrets.json'), 'utf8'))).toEqual({
      documentCacheKey: key,
    });
  });

  it('open() answers undefined for any byte flipped, a cut file, a plain PDF, or another key', async () => {
    const sealer = new DocumentSealer(storeIn(tempDir('sealer')));
    const sealed = await sealer.seal(randomBytes(300));
    for (const at of [0, 8, 12, 100, sealed.length - 1]) {
      const tampered = Buffer.from(sealed);
      tampered[at]! ^= 0x80;
      expect(await sealer.open(tampered), `byte ${at}`).toBeUndefined();
    }
    expect(await sealer.open(sealed.subarray(0, sealed.length - 1))).toBeUndefined();
    expect(await sealer.open(Buffer.from('%PDF-1.7 plain'))).toBeUndefined();
    expect(await new DocumentSealer(storeIn(tempDir('sealer'))).open(sealed)).toBeUndefined();
  });

  it('partCipher() at any offset continues the stream from 0, also across a counter wrap', async () => {
    const sealer = new DocumentSealer(storeIn(tempDir('sealer')));
    const plain = randomBytes(5000);
    for (const iv of [sealer.newPartIv(), Buffer.alloc(PART_HEADER_BYTES, 0xff)]) {
      const whole = (await sealer.partCipher(iv, 0))(plain);
      for (const offset of [1, 15, 16, 17, 2049, 4999]) {
        const rest = (await sealer.partCipher(iv, offset))(plain.subarray(offset));
        expect(rest.equals(whole.subarray(offset)), `offset ${offset}`).toBe(true);
      }
      expect((await sealer.openPart(Buffer.concat([iv, whole]))).equals(plain)).toBe(true);
    }
  });
});
