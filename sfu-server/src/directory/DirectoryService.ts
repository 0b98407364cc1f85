/**
 * The administrator's changes to units, sites and people: each is checked, written in one
 * transaction and audited in it, so a refused change writes nothing and an applied one is never
 * without its audit entry. Refusals are AppErrors with `details.reason`
 * (`directoryRefusalReasonSchema`).
 */
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { NotFoundError } from '../../../common/errors';
import {
  ASSIGNABLE_ROLES,
  type DirectorySite,
  type DirectoryUnit,
  type DirectoryUser,
  type ImportRequest,
  type ImportResponse,
  type createSiteRequestSchema,
  type createUnitRequestSchema,
  type createUserRequestSchema,
  type ListUsersQuery,
  type updateSiteRequestSchema,
  type updateUnitRequestSchema,
  type updateUserRequestSchema,
} from '../../../common/domain/directory';
import type { User } from '../../../common/domain/user';
import { requireAcceptablePassword } from '../api/routes';
import type { PasswordHasher } from '../auth/passwords';
import type { AppDatabase } from '../db/database';
import { AuditLog } from '../db/repos/AuditLog';
import { SessionRepository } from '../db/repos/SessionRepository';
import { DirectoryRepository, type UnitRow } from './DirectoryRepository';
import { importDirectory } from './importDirectory';
import { predecessorsIn, successorLinks } from './unitLineage';
import { isPostgres } from '../db/dialect';
import { SyncLedger } from '../sync/SyncLedger';
import { TaskStore } from '../sync/TaskStore';
import { refused } from './refusals';

type CreateUnit = z.infer<typeof createUnitRequestSchema>;
type UpdateUnit = z.infer<typeof updateUnitRequestSchema>;
type CreateSite = z.infer<typeof createSiteRequestSchema>;
type UpdateSite = z.infer<typeof updateSiteRequestSchema>;
type CreateUser = z.infer<typeof createUserRequestSchema>;
type UpdateUser = z.infer<typeof updateUserRequestSchema>;

export class DirectoryService {
  readonly #db: AppDatabase;
  readonly #hasher: PasswordHasher;

  constructor(db: AppDatabase, hasher: PasswordHasher) {
    this.#db = db;
    this.#hasher = hasher;
  }

  // --- units -------------------------------------------------------------------------------

  listUnits(): Promise<DirectoryUnit[]> {
    return new DirectoryRepository(this.#db).units();
  }

  async createUnit(actor: User, input: CreateUnit): Promise<DirectoryUnit> {
    return this.#db.transaction().execute(async (trx) => {
      const repo = new DirectoryRepository(trx);
      if (input.parentId !== null) await requireCurrentUnit(repo, input.parentId);
      await requireFreeUnitName(repo, input.parentId, input.name);
      const id = randomUUID();
      await repo.insertUnits([
        {
          id,
          name: input.name,
          short_name: input.shortName || null,
          parent_id: input.parentId,
          kind: input.kind,
          successor_id: null,
        },
      ]);
      await audit(trx, actor, 'directory.unit.create', id, { ...input });
      return (await repo.unit(id))!;
    });
  }

  async updateUnit(actor: User, id: string, input: UpdateUnit): Promise<DirectoryUnit> {
    return this.#db.transaction().execute(async (trx) => {
      const repo = new DirectoryRepository(trx);
      const unit = await requireUnit(repo, id);
      if (unit.successor_id === null)
        await requireFreeUnitName(repo, unit.parent_id, input.name, id);
      await repo.updateUnit(id, {
        name: input.name,
        short_name: input.shortName || null,
        kind: input.kind,
      });
      await audit(trx, actor, 'directory.unit.update', id, {
        before: { name: unit.name, shortName: unit.short_name, kind: unit.kind },
        after: input,
      });
      return (await repo.unit(id))!;
    });
  }

  async moveUnit(actor: User, id: string, parentId: string | null): Promise<DirectoryUnit> {
    return this.#db.transaction().execute(async (trx) => {
      const repo = new DirectoryRepository(trx);
      const unit = await requireUnit(repo, id);
      if (parentId !== null) {
        if (parentId === id || (await repo.descendantIds(id)).has(parentId))
          throw refused('cycle', 'A unit cannot be moved under itself or one of its sub-units');
        await requireCurrentUnit(repo, parentId);
      }
      if (unit.successor_id === null) await requireFreeUnitName(repo, parentId, unit.name, id);
      await repo.updateUnit(id, { parent_id: parentId });
      await audit(trx, actor, 'directory.unit.move', id, { from: unit.parent_id, to: parentId });
      return (await repo.unit(id))!;
    });
  }

  /**
   * Merges `id` into `successorId`: its sub-units, sites and people move to the successor and the
   * unit is kept, marked with its successor, so its tasks are found under it (unitLineage.ts).
   */
  async mergeUnit(
    actor: User,
    id: string,
    successorId: string,
  ): Promise<{ unit: DirectoryUnit; moved: { units: number; sites: number; users: number } }> {
    return this.#db.transaction().execute(async (trx) => {
      const repo = new DirectoryRepository(trx);
      const unit = await requireUnit(repo, id);
      if (unit.successor_id !== null)
        throw refused('already_merged', 'This unit is already merged into another');
      if (successorId === id) throw refused('merge_into_self', 'A unit cannot merge into itself');
      const successor = await requireCurrentUnit(repo, successorId);
      // Its sub-units move to the successor: one of them would end up under itself.
      if ((await repo.descendantIds(id)).has(successorId))
        throw refused('merge_into_descendant', 'A unit cannot merge into one of its sub-units');
      const moved = await repo.moveContents(id, successorId);
      // The unit's tasks, and those of units merged into it before, now answer to the successor:
      // a new clock on them makes every client pull them with the successor's id.
      const answering = predecessorsIn(await successorLinks(trx), id);
      const clock = (await SyncLedger.readClock(trx, isPostgres(trx))) + 1;
      const tasks = await TaskStore.touchAgencyTasks(trx, [...answering], clock);
      if (tasks > 0) await SyncLedger.writeClock(trx, clock);
      await repo.updateUnit(id, { successor_id: successorId });
      await audit(trx, actor, 'directory.unit.merge', id, {
        name: unit.name,
        successorId,
        successorName: successor.name,
        moved,
        tasks,
      });
      return { unit: (await repo.unit(id))!, moved };
    });
  }

  // --- sites -------------------------------------------------------------------------------

  listSites(): Promise<DirectorySite[]> {
    return new DirectoryRepository(this.#db).sites();
  }

  async createSite(actor: User, input: CreateSite): Promise<DirectorySite> {
    return this.#db.transaction().execute(async (trx) => {
      const repo = new DirectoryRepository(trx);
      await requireCurrentUnit(repo, input.unitId);
      await requireFreeSiteName(repo, input.unitId, input.name);
      const id = randomUUID();
      await repo.insertSites([{ id, name: input.name, unit_id: input.unitId }]);
      await audit(trx, actor, 'directory.site.create', id, { ...input });
      return (await repo.site(id))!;
    });
  }

  async updateSite(actor: User, id: string, input: UpdateSite): Promise<DirectorySite> {
    return this.#db.transaction().execute(async (trx) => {
      const repo = new DirectoryRepository(trx);
      const site = await repo.siteRow(id);
      if (!site) throw refused('site_not_found', 'No such site');
      const unitId = input.unitId ?? site.unit_id;
      const name = input.name ?? site.name;
      if (unitId !== site.unit_id) await requireCurrentUnit(repo, unitId);
      await requireFreeSiteName(repo, unitId, name, id);
      await repo.updateSite(id, { name, unit_id: unitId });
      await audit(trx, actor, 'directory.site.update', id, {
        before: { name: site.name, unitId: site.unit_id },
        after: { name, unitId },
      });
      return (await repo.site(id))!;
    });
  }

  // --- users -------------------------------------------------------------------------------

  listUsers(query: ListUsersQuery): Promise<{ users: DirectoryUser[]; total: number }> {
    return new DirectoryRepository(this.#db).users(query);
  }

  async createUser(actor: User, input: CreateUser, now = new Date()): Promise<DirectoryUser> {
    requireAcceptablePassword(input.password, input.username);
    // Checked once before the (slow, queued) hash and again in the transaction.
    await this.#requireFreeUsername(new DirectoryRepository(this.#db), input.username);
    const passwordHash = await this.#hasher.hash(input.password);
    return this.#db.transaction().execute(async (trx) => {
      const repo = new DirectoryRepository(trx);
      await this.#requireFreeUsername(repo, input.username);
      await requirePlace(repo, input.unitId, input.siteId);
      const id = randomUUID();
      await repo.insertUsers(
        [
          {
            id,
            username: input.username,
            password_hash: passwordHash,
            full_name: input.fullName,
            title: input.title,
            email: emailOrNull(input.email),
            unit_id: input.unitId,
            site_id: input.siteId,
            disabled: 0,
            created_at: now.toISOString(),
            // The administrator chose the password: the person picks their own at first sign-in.
            must_change_password: 1,
          },
        ],
        [...new Set(input.roles)].map((role) => ({ user_id: id, role })),
      );
      const { password: _secret, ...logged } = input;
      await audit(trx, actor, 'directory.user.create', id, logged);
      return (await repo.user(id))!;
    });
  }

  async updateUser(actor: User, id: string, input: UpdateUser): Promise<DirectoryUser> {
    return this.#db.transaction().execute(async (trx) => {
      const repo = new DirectoryRepository(trx);
      const before = await repo.user(id);
      if (!before) throw new NotFoundError('No such user');
      if (id === actor.id && before.roles.includes('admin') && !input.roles.includes('admin'))
        throw refused('own_account', 'An administrator cannot take away their own admin role');
      if (input.unitId !== before.unit.id || input.siteId !== before.site.id)
        await requirePlace(repo, input.unitId, input.siteId);
      await repo.updateUser(id, {
        full_name: input.fullName,
        title: input.title,
        unit_id: input.unitId,
        site_id: input.siteId,
        ...(input.email !== undefined ? { email: emailOrNull(input.email) } : {}),
      });
      await repo.replaceRoles(id, ASSIGNABLE_ROLES, [...new Set(input.roles)]);
      await audit(trx, actor, 'directory.user.update', id, {
        before: {
          fullName: before.fullName,
          title: before.title,
          unitId: before.unit.id,
          siteId: before.site.id,
          email: before.email,
          roles: before.roles,
        },
        after: input,
      });
      return (await repo.user(id))!;
    });
  }

  /** Disabling ends every session of the user at once (enabling does not revive them). */
  async setUserDisabled(
    actor: User,
    id: string,
    disabled: boolean,
    now = new Date(),
  ): Promise<DirectoryUser> {
    if (id === actor.id && disabled)
      throw refused('own_account', 'An administrator cannot disable their own account');
    return this.#db.transaction().execute(async (trx) => {
      const repo = new DirectoryRepository(trx);
      const before = await repo.user(id);
      if (!before) throw new NotFoundError('No such user');
      await repo.updateUser(id, { disabled: disabled ? 1 : 0 });
      if (disabled) await new SessionRepository(trx).revokeAllOf(id, undefined, now);
      await audit(trx, actor, disabled ? 'directory.user.disable' : 'directory.user.enable', id, {
        username: before.username,
      });
      return (await repo.user(id))!;
    });
  }

  /** Checks every row; writes them all in one transaction unless `dryRun` or a row is refused. */
  importDirectory(actor: User, request: ImportRequest): Promise<ImportResponse> {
    return this.#db.transaction().execute((trx) => importDirectory(trx, actor, request));
  }

  async #requireFreeUsername(repo: DirectoryRepository, username: string): Promise<void> {
    if ((await repo.takenUsernames([username])).size > 0)
      throw refused('username_taken', `The username ${username} is taken`, { username });
  }
}

const emailOrNull = (email: string | undefined) => (email ? email.toLowerCase() : null);

async function audit(
  trx: AppDatabase,
  actor: User,
  action: string,
  subject: string,
  details: Record<string, unknown>,
): Promise<void> {
  await new AuditLog(trx).record({ userId: actor.id, action, subject, details });
}

async function requireUnit(repo: DirectoryRepository, id: string): Promise<UnitRow> {
  const unit = await repo.unitRow(id);
  if (!unit) throw refused('unit_not_found', 'No such unit', { unitId: id });
  return unit;
}

/** A unit that exists and is not merged: the only kind that takes sub-units, sites and people. */
async function requireCurrentUnit(repo: DirectoryRepository, id: string): Promise<UnitRow> {
  const unit = await requireUnit(repo, id);
  if (unit.successor_id !== null) {
    const successor = await repo.unitRow(unit.successor_id);
    throw refused('unit_merged', `${unit.name} is merged into ${successor?.name ?? '?'}`, {
      unitId: id,
      successor: successor ? { id: successor.id, name: successor.name } : null,
    });
  }
  return unit;
}

async function requireFreeUnitName(
  repo: DirectoryRepository,
  parentId: string | null,
  name: string,
  exceptId?: string,
): Promise<void> {
  const same = await repo.siblingNamed(parentId, name, exceptId);
  if (same)
    throw refused('name_taken', `A unit named ${same.name} is already there`, { name: same.name });
}

async function requireFreeSiteName(
  repo: DirectoryRepository,
  unitId: string,
  name: string,
  exceptId?: string,
): Promise<void> {
  const same = await repo.siteNamed(unitId, name, exceptId);
  if (same)
    throw refused('name_taken', `The unit already has a site named ${same.name}`, {
      name: same.name,
    });
}

/** A person's unit must be current; their usual site may belong to any unit (the province hall). */
async function requirePlace(
  repo: DirectoryRepository,
  unitId: string,
  siteId: string,
): Promise<void> {
  await requireCurrentUnit(repo, unitId);
  if (!(await repo.siteRow(siteId))) throw refused('site_not_found', 'No such site', { siteId });
}
