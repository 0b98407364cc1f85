import { safeStorage } from 'electron';
import type { SecretCodec } from '../services/FileSecretStore';

/** Seals secrets with the OS keychain (DPAPI, Keychain, libsecret); refuses to store in clear. */
export const safeStorageCodec: SecretCodec = {
  encode(value) {
    if (!safeStorage.isEncryptionAvailable()) {
      throw new Error('OS encryption is not available; refusing to store the token in clear');
    }
    return safeStorage.encryptString(value).toString('base64');
  },
  decode: (stored) => safeStorage.decryptString(Buffer.from(stored, 'base64')),
};
