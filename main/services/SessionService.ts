import { EventEmitter } from 'node:events';
import { AppError } from '../../common/errors';
import type { SessionState } from '../../common/ipc/contract';
import { ApiClient } from '../../common/protocol/ApiClient';
import { userSchema, type User } from '../../common/domain/user';
import { insecureServerUrlError, serverUrlRefusal } from '../../common/protocol/serverUrl';
import type { SettingsRepository } from '../store/repos/SettingsRepository';
import type { SecretStore } from './secrets';

const TOKEN_KEY = 'session.token';
const SERVER_KEY = 'session.serverUrl';
const USER_KEY = 'session.user';

export interface SessionServiceEvents {
  changed: [state: SessionState];
}

/**
 * Who is signed in, to which server. The token stays in main (SecretStore); the renderer sees
 * only the user. The last user is kept locally so the app opens signed in while offline.
 */
export class SessionService extends EventEmitter<SessionServiceEvents> {
  readonly #settings: SettingsRepository;
  readonly #secrets: SecretStore;
  readonly #defaultServerUrl: string;
  readonly #fetch: typeof fetch | undefined;

  constructor(
    settings: SettingsRepository,
    secrets: SecretStore,
    defaultServerUrl: string,
    options: { fetch?: typeof fetch } = {},
  ) {
    super();
    this.#settings = settings;
    this.#secrets = secrets;
    this.#defaultServerUrl = defaultServerUrl;
    this.#fetch = options.fetch;
  }

  get serverUrl(): string {
    return this.#settings.get(SERVER_KEY) ?? this.#defaultServerUrl;
  }

  state(): SessionState {
    const user = this.#storedUser();
    return user
      ? { status: 'signed_in', serverUrl: this.serverUrl, user }
      : { status: 'signed_out', serverUrl: this.serverUrl };
  }

  async login(serverUrl: string, username: string, password: string): Promise<SessionState> {
    const base = serverUrl.replace(/\/+$/, '');
    // Plain http:// on the network would carry the password in clear: refused before it is sent.
    if (serverUrlRefusal(base) === 'insecure') throw insecureServerUrlError(new URL(base).origin);
    const result = await new ApiClient({ baseUrl: base, fetch: this.#fetch }).call(
      'login',
      {},
      { username, password },
    );
    await this.#secrets.set(TOKEN_KEY, result.token);
    this.#settings.set(SERVER_KEY, base);
    this.#settings.set(USER_KEY, JSON.stringify(result.user));
    return this.#changed();
  }

  async logout(): Promise<SessionState> {
    const token = await this.#secrets.get(TOKEN_KEY);
    if (token) {
      // Revoke on the server when reachable; signing out locally must work offline too.
      await this.client(token)
        .call('logout')
        .catch(() => undefined);
    }
    await this.#secrets.delete(TOKEN_KEY);
    this.#settings.delete(USER_KEY);
    return this.#changed();
  }

  /**
   * Changes the signed-in user's own password. The server ends the user's other sessions and
   * keeps this one; the stored user is replaced by the server's (so a password an administrator
   * set no longer has to be changed) and `changed` is emitted. Refusals are the server's.
   */
  async changePassword(currentPassword: string, newPassword: string): Promise<SessionState> {
    const { api } = await this.authorizedClient();
    let user: User;
    try {
      ({ user } = await api.call('changePassword', {}, { currentPassword, newPassword }));
    } catch (error) {
      if (error instanceof AppError && error.code === 'unauthorized') await this.sessionRejected();
      throw error;
    }
    this.#settings.set(USER_KEY, JSON.stringify(user));
    return this.#changed();
  }

  /** An API client with the session's token; throws unauthorized when signed out. */
  async authorizedClient(): Promise<{ api: ApiClient; user: User }> {
    const token = await this.#secrets.get(TOKEN_KEY);
    const user = this.#storedUser();
    if (!token || !user) throw new AppError('unauthorized', 'Not signed in');
    return { api: this.client(token), user };
  }

  /** Called when the server rejects the token (expired or revoked): the session ends here too. */
  async sessionRejected(): Promise<void> {
    await this.#secrets.delete(TOKEN_KEY);
    this.#settings.delete(USER_KEY);
    this.#changed();
  }

  client(token: string | null): ApiClient {
    return new ApiClient({ baseUrl: this.serverUrl, token, fetch: this.#fetch });
  }

  #storedUser(): User | undefined {
    const raw = this.#settings.get(USER_KEY);
    if (!raw) return undefined;
    const parsed = userSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  }

  #changed(): SessionState {
    const state = this.state();
    this.emit('changed', state);
    return state;
  }
}
