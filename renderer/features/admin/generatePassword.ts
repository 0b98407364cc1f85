import { passwordProblems } from '../../../common/domain/account';

/** No 0/o, 1/l/i: the password is read off a screen or a slip of paper and typed by someone else. */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';

/**
 * A temporary password to hand over: three groups of four ("k7m2-pq4x-9hrt"), about 59 bits from
 * `crypto.getRandomValues`, always within the password policy.
 */
export function generatePassword(): string {
  for (;;) {
    // 248 = 8 × 31: bytes at or above it are dropped, so every letter is equally likely.
    const picked: string[] = [];
    while (picked.length < 12)
      for (const byte of crypto.getRandomValues(new Uint8Array(24)))
        if (byte < 248 && picked.length < 12) picked.push(ALPHABET[byte % ALPHABET.length]!);
    const password = [0, 4, 8].map((i) => picked.slice(i, i + 4).join('')).join('-');
    if (passwordProblems(password, '').length === 0) return password;
  }
}
