/**
 * The directory's tables (units, sites, users, user_roles) as the admin screens see them. Built on
 * any executor, so `DirectoryService` runs it inside one transaction per change.
 */
import type { Insertable, Kysely, Selectable } from 'kysely';
import type {
  DirectorySite,
  DirectoryUnit,
  DirectoryUser,
  ListUsersQuery,
  UnitKind,
} from '../../../common/domain/directory';
import { directoryNameKey, unitKindSchema } from '../../../common/domain/directory';
import { roleSchema, type Role } from '../../../common/domain/user';
import { foldVietnamese } from '../../../common/tasks/tracking';
import type { Database, SiteTable, UnitTable, UserTable } from '../db/schema';
import { chunks } from '../sync/TaskStore';
import { hasUsablePassword } from './unusablePassword';

export type UnitRow = Selectable<UnitTable>;
export type SiteRow = Selectable<SiteTable>;

const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name, 'vi');

/** A unit row's kind; a kind this version does not know (a newer server's) reads as 'other'. */
const kindOf = (kind: string): UnitKind => unitKindSchema.catch('other').parse(kind);

export class DirectoryRepository {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  // --- units -------------------------------------------------------------------------------

  async unitRows(): Promise<UnitRow[]> {
    return this.#db.selectFrom('units').selectAll().execute();
  }

  async unitRow(id: string): Promise<UnitRow | undefined> {
    return this.#db.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Every unit, parents before children, siblings by name (Vietnamese order). */
  async units(): Promise<DirectoryUnit[]> {
    const [rows, siteCounts, userCounts] = await Promise.all([
      this.unitRows(),
      this.#countBy('sites', 'unit_id'),
      this.#countBy('users', 'unit_id'),
    ]);
    const byId = new Map(rows.map((r) => [r.id, r]));
    const children = new Map<string | null, UnitRow[]>();
    for (const row of rows) {
      // A parent that is gone (never, with the foreign key) would hide a subtree: show it at the top.
      const parent = row.parent_id !== null && byId.has(row.parent_id) ? row.parent_id : null;
      children.set(parent, [...(children.get(parent) ?? []), row]);
    }
    for (const list of children.values()) list.sort(byName);
    const ordered: DirectoryUnit[] = [];
    const visit = (row: UnitRow) => {
      const successor = row.successor_id ? byId.get(row.successor_id) : undefined;
      const kids = children.get(row.id) ?? [];
      ordered.push({
        id: row.id,
        name: row.name,
        shortName: row.short_name,
        kind: kindOf(row.kind),
        parentId: row.parent_id,
        childIds: kids.map((k) => k.id),
        successor: successor ? { id: successor.id, name: successor.name } : null,
        merged: row.successor_id !== null,
        siteCount: siteCounts.get(row.id) ?? 0,
        userCount: userCounts.get(row.id) ?? 0,
      });
      kids.forEach(visit);
    };
    (children.get(null) ?? []).forEach(visit);
    return ordered;
  }

  async unit(id: string): Promise<DirectoryUnit | undefined> {
    return (await this.units()).find((u) => u.id === id);
  }

  /** Ids of the unit's descendants (not the unit itself), through any depth. */
  async descendantIds(id: string): Promise<Set<string>> {
    const rows = await this.#db.selectFrom('units').select(['id', 'parent_id']).execute();
    const children = new Map<string, string[]>();
    for (const r of rows)
      if (r.parent_id) children.set(r.parent_id, [...(children.get(r.parent_id) ?? []), r.id]);
    const found = new Set<string>();
    const queue = [id];
    while (queue.length > 0)
      for (const child of children.get(queue.shift()!) ?? [])
        if (!found.has(child) && child !== id) {
          found.add(child);
          queue.push(child);
        }
    return found;
  }

  /** A current (not merged) unit under `parentId` named like `name` (case and diacritics aside). */
  async siblingNamed(
    parentId: string | null,
    name: string,
    exceptId?: string,
  ): Promise<UnitRow | undefined> {
    let query = this.#db.selectFrom('units').selectAll().where('successor_id', 'is', null);
    query =
      parentId === null
        ? query.where('parent_id', 'is', null)
        : query.where('parent_id', '=', parentId);
    const key = directoryNameKey(name);
    return (await query.execute()).find(
      (r) => r.id !== exceptId && directoryNameKey(r.name) === key,
    );
  }

  async insertUnits(rows: Insertable<UnitTable>[]): Promise<void> {
    for (const part of chunks(rows, 100)) await this.#db.insertInto('units').values(part).execute();
  }

  async updateUnit(
    id: string,
    set: Partial<Pick<UnitRow, 'name' | 'short_name' | 'kind' | 'parent_id' | 'successor_id'>>,
  ): Promise<void> {
    await this.#db.updateTable('units').set(set).where('id', '=', id).execute();
  }

  /**
   * Hands a merged unit's sub-units, sites and people to its successor; how many of each moved.
   */
  async moveContents(
    fromId: string,
    toId: string,
  ): Promise<{ units: number; sites: number; users: number }> {
    const moved = async (query: { executeTakeFirst(): Promise<{ numUpdatedRows: bigint }> }) =>
      Number((await query.executeTakeFirst()).numUpdatedRows);
    return {
      units: await moved(
        this.#db.updateTable('units').set({ parent_id: toId }).where('parent_id', '=', fromId),
      ),
      sites: await moved(
        this.#db.updateTable('sites').set({ unit_id: toId }).where('unit_id', '=', fromId),
      ),
      users: await moved(
        this.#db.updateTable('users').set({ unit_id: toId }).where('unit_id', '=', fromId),
      ),
    };
  }

  // --- sites -------------------------------------------------------------------------------

  async siteRows(): Promise<SiteRow[]> {
    return this.#db.selectFrom('sites').selectAll().execute();
  }

  async siteRow(id: string): Promise<SiteRow | undefined> {
    return this.#db.selectFrom('sites').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Every site, by name. */
  async sites(): Promise<DirectorySite[]> {
    const [rows, userCounts] = await Promise.all([
      this.#db
        .selectFrom('sites')
        .innerJoin('units', 'units.id', 'sites.unit_id')
        .select(['sites.id', 'sites.name', 'units.id as unit_id', 'units.name as unit_name'])
        .execute(),
      this.#countBy('users', 'site_id'),
    ]);
    return rows
      .map((r) => ({
        id: r.id,
        name: r.name,
        unit: { id: r.unit_id, name: r.unit_name },
        userCount: userCounts.get(r.id) ?? 0,
      }))
      .sort(byName);
  }

  async site(id: string): Promise<DirectorySite | undefined> {
    return (await this.sites()).find((s) => s.id === id);
  }

  /** A site of `unitId` named like `name` (case and diacritics aside). */
  async siteNamed(unitId: string, name: string, exceptId?: string): Promise<SiteRow | undefined> {
    const key = directoryNameKey(name);
    const rows = await this.#db
      .selectFrom('sites')
      .selectAll()
      .where('unit_id', '=', unitId)
      .execute();
    return rows.find((r) => r.id !== exceptId && directoryNameKey(r.name) === key);
  }

  async insertSites(rows: Insertable<SiteTable>[]): Promise<void> {
    for (const part of chunks(rows, 100)) await this.#db.insertInto('sites').values(part).execute();
  }

  async updateSite(id: string, set: Partial<Pick<SiteRow, 'name' | 'unit_id'>>): Promise<void> {
    await this.#db.updateTable('sites').set(set).where('id', '=', id).execute();
  }

  // --- users -------------------------------------------------------------------------------

  /**
   * People matching the query, by name, one page of them and the count of all matches. The
   * words of `q` must each appear in the name, username, position or email, folded
   * ("nguyen van" finds "Nguyễn Văn"): done here rather than in SQL, which cannot fold diacritics
   * the same way on SQLite and PostgreSQL.
   */
  async users(query: ListUsersQuery): Promise<{ users: DirectoryUser[]; total: number }> {
    let select = userSelect(this.#db);
    if (query.unitId) select = select.where('users.unit_id', '=', query.unitId);
    if (query.siteId) select = select.where('users.site_id', '=', query.siteId);
    if (query.role)
      select = select.where('users.id', 'in', (eb) =>
        eb.selectFrom('user_roles').select('user_id').where('role', '=', query.role!),
      );
    if (query.status === 'active') select = select.where('users.disabled', '=', 0);
    if (query.status === 'disabled') select = select.where('users.disabled', '!=', 0);
    const words = query.q ? foldVietnamese(query.q).split(' ').filter(Boolean) : [];
    const rows = (await select.execute()).filter((r) => {
      if (query.status === 'no_password' && hasUsablePassword(r.password_hash)) return false;
      if (words.length === 0) return true;
      const text = foldVietnamese(`${r.full_name} ${r.username} ${r.title} ${r.email ?? ''}`);
      return words.every((w) => text.includes(w));
    });
    rows.sort(
      (a, b) =>
        a.full_name.localeCompare(b.full_name, 'vi') || a.username.localeCompare(b.username),
    );
    const offset = query.offset ?? 0;
    const page = rows.slice(offset, offset + (query.limit ?? 200));
    return { users: await this.#withRoles(page), total: rows.length };
  }

  async user(id: string): Promise<DirectoryUser | undefined> {
    const rows = await userSelect(this.#db).where('users.id', '=', id).execute();
    return (await this.#withRoles(rows))[0];
  }

  /** Of these (normalised) usernames, those an account already has. */
  async takenUsernames(usernames: readonly string[]): Promise<Set<string>> {
    const taken = new Set<string>();
    for (const part of chunks([...new Set(usernames)], 500))
      for (const r of await this.#db
        .selectFrom('users')
        .select('username')
        .where('username', 'in', part)
        .execute())
        taken.add(r.username);
    return taken;
  }

  async insertUsers(
    rows: Insertable<UserTable>[],
    roles: { user_id: string; role: Role }[],
  ): Promise<void> {
    for (const part of chunks(rows, 50)) await this.#db.insertInto('users').values(part).execute();
    for (const part of chunks(roles, 200))
      await this.#db.insertInto('user_roles').values(part).execute();
  }

  async updateUser(
    id: string,
    set: Partial<
      Pick<
        Selectable<UserTable>,
        'full_name' | 'title' | 'unit_id' | 'site_id' | 'email' | 'disabled'
      >
    >,
  ): Promise<void> {
    await this.#db.updateTable('users').set(set).where('id', '=', id).execute();
  }

  /** Replaces the user's roles among `replaced` with `roles`; other roles stay. */
  async replaceRoles(
    userId: string,
    replaced: readonly Role[],
    roles: readonly Role[],
  ): Promise<void> {
    await this.#db
      .deleteFrom('user_roles')
      .where('user_id', '=', userId)
      .where('role', 'in', [...replaced])
      .execute();
    if (roles.length > 0)
      await this.#db
        .insertInto('user_roles')
        .values(roles.map((role) => ({ user_id: userId, role })))
        .execute();
  }

  async #withRoles(rows: UserSelectRow[]): Promise<DirectoryUser[]> {
    const roles = new Map<string, Role[]>();
    for (const part of chunks(
      rows.map((r) => r.id),
      500,
    ))
      for (const r of await this.#db
        .selectFrom('user_roles')
        .select(['user_id', 'role'])
        .where('user_id', 'in', part)
        .execute()) {
        const role = roleSchema.safeParse(r.role);
        if (role.success) roles.set(r.user_id, [...(roles.get(r.user_id) ?? []), role.data]);
      }
    return rows.map((r) => ({
      id: r.id,
      username: r.username,
      fullName: r.full_name,
      title: r.title,
      email: r.email,
      unit: { id: r.unit_id, name: r.unit_name },
      site: { id: r.site_id, name: r.site_name },
      roles: (roles.get(r.id) ?? []).sort(),
      disabled: r.disabled !== 0,
      hasPassword: hasUsablePassword(r.password_hash),
      mustChangePassword: Number(r.must_change_password) !== 0,
      createdAt: r.created_at,
    }));
  }

  /** How many rows of sites or users name each unit (or site). */
  async #countBy(
    what: 'sites' | 'users',
    column: 'unit_id' | 'site_id',
  ): Promise<Map<string, number>> {
    const rows =
      what === 'sites'
        ? await this.#db
            .selectFrom('sites')
            .select((eb) => ['unit_id as key', eb.fn.countAll<number | string>().as('n')])
            .groupBy('unit_id')
            .execute()
        : await this.#db
            .selectFrom('users')
            .select((eb) => [`${column} as key`, eb.fn.countAll<number | string>().as('n')])
            .groupBy(column)
            .execute();
    return new Map(rows.map((r) => [String(r.key), Number(r.n)]));
  }
}

function userSelect(db: Kysely<Database>) {
  return db
    .selectFrom('users')
    .innerJoin('units', 'units.id', 'users.unit_id')
    .innerJoin('sites', 'sites.id', 'users.site_id')
    .select([
      'users.id',
      'users.username',
      'users.full_name',
      'users.title',
      'users.email',
      'users.disabled',
      'users.password_hash',
      'users.must_change_password',
      'users.created_at',
      'units.id as unit_id',
      'units.name as unit_name',
      'sites.id as site_id',
      'sites.name as site_name',
    ]);
}
type UserSelectRow = Awaited<ReturnType<ReturnType<typeof userSelect>['execute']>>[number];
