/** Where tokens live: Electron's safeStorage on the desktop, a private file in tests and the browser host. */
export interface SecretStore {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}
