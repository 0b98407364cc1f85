/**
 * Accounts made by an import have no password yet (an administrator sets a temporary one with
 * `resetUserPassword` before the person signs in). Their stored hash has the scrypt format with a
 * fixed all-zero salt and a random key: verifying against it costs a real scrypt (a sign-in
 * attempt takes as long as for any account) and can never succeed, since no password derives a
 * random key. `hashPassword` salts with 16 random bytes, so a real hash never has this salt.
 */
import { randomBytes } from 'node:crypto';

const NO_PASSWORD_SALT = 'AAAAAAAAAAAAAAAAAAAAAA';

export function unusablePasswordHash(): string {
  return ['scrypt', 2 ** 15, 8, 1, NO_PASSWORD_SALT, randomBytes(32).toString('base64url')].join(
    '$',
  );
}

export function hasUsablePassword(storedHash: string): boolean {
  return storedHash.split('$')[4] !== NO_PASSWORD_SALT;
}
