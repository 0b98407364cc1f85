import type { Role, User } from '../../../../common/domain/user';
import { roleSchema } from '../../../../common/domain/user';
import { normalizeUsername } from '../../../../common/domain/account';
import type { AppDatabase } from '../database';

export interface UserWithSecret {
  user: User;
  passwordHash: string;
  disabled: boolean;
}

export class UserRepository {
  readonly #db: AppDatabase;

  constructor(db: AppDatabase) {
    this.#db = db;
  }

  /** Looks the username up in its one spelling (`normalizeUsername`). */
  async findByUsername(username: string): Promise<UserWithSecret | undefined> {
    const row = await this.#db
      .selectFrom('users')
      .select(['id', 'password_hash', 'disabled'])
      .where('username', '=', normalizeUsername(username))
      .executeTakeFirst();
    if (!row) return undefined;
    const user = await this.get(row.id);
    return user && { user, passwordHash: row.password_hash, disabled: row.disabled !== 0 };
  }

  async get(id: string): Promise<User | undefined> {
    const users = await this.#load([id]);
    return users[0];
  }

  async count(): Promise<number> {
    const row = await this.#db
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async passwordHash(id: string): Promise<string | undefined> {
    const row = await this.#db
      .selectFrom('users')
      .select('password_hash')
      .where('id', '=', id)
      .executeTakeFirst();
    return row?.password_hash;
  }

  /** `mustChange`: an administrator chose it, so the user picks their own at the next sign-in. */
  async setPassword(id: string, passwordHash: string, mustChange: boolean): Promise<void> {
    await this.#db
      .updateTable('users')
      .set({ password_hash: passwordHash, must_change_password: mustChange ? 1 : 0 })
      .where('id', '=', id)
      .execute();
  }

  async list(): Promise<User[]> {
    const ids = await this.#db.selectFrom('users').select('id').orderBy('username').execute();
    return this.#load(ids.map((r) => r.id));
  }

  async #load(ids: string[]): Promise<User[]> {
    if (ids.length === 0) return [];
    const rows = await this.#db
      .selectFrom('users')
      .innerJoin('units', 'units.id', 'users.unit_id')
      .innerJoin('sites', 'sites.id', 'users.site_id')
      .select([
        'users.id',
        'users.username',
        'users.full_name',
        'users.title',
        'users.must_change_password',
        'units.id as unit_id',
        'units.name as unit_name',
        'sites.id as site_id',
        'sites.name as site_name',
      ])
      .where('users.id', 'in', ids)
      .orderBy('users.username')
      .execute();
    const roleRows = await this.#db
      .selectFrom('user_roles')
      .selectAll()
      .where('user_id', 'in', ids)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      username: r.username,
      fullName: r.full_name,
      title: r.title,
      agency: { id: r.unit_id, name: r.unit_name },
      site: { id: r.site_id, name: r.site_name },
      roles: roleRows
        .filter((x) => x.user_id === r.id)
        .map((x) => roleSchema.parse(x.role) as Role)
        .sort(),
      ...(r.must_change_password ? { mustChangePassword: true } : {}),
    }));
  }
}
