/**
 * Accounts made on the server machine (the admin CLI): the first administrator of an empty
 * server, and a password reset when no administrator can sign in.
 */
import { randomUUID } from 'node:crypto';
import { InvalidStateError, NotFoundError } from '../../../common/errors';
import { hashPassword } from '../auth/passwords';
import type { AppDatabase } from '../db/database';
import { AuditLog } from '../db/repos/AuditLog';
import { SessionRepository } from '../db/repos/SessionRepository';
import { UserRepository } from '../db/repos/UserRepository';

export interface NewAdministrator {
  /** Already normalised (`newUsernameSchema`). */
  username: string;
  fullName: string;
  title: string;
  /** Found by name, or created (as the province's office) when no unit is so named. */
  unitName: string;
  /** Found by name under the unit, or created; default: the unit's name. */
  siteName: string | undefined;
  /** Already checked against the password policy. */
  password: string;
}

export async function createAdministrator(
  db: AppDatabase,
  input: NewAdministrator,
  now = new Date(),
): Promise<{ id: string; username: string; fullName: string }> {
  // scrypt before the transaction: the database is held only for the inserts.
  const passwordHash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    const taken = await trx
      .selectFrom('users')
      .select('id')
      .where('username', '=', input.username)
      .executeTakeFirst();
    if (taken)
      throw new InvalidStateError(`Tên đăng nhập "${input.username}" đã có / username taken`);
    let unit = await trx
      .selectFrom('units')
      .select('id')
      .where('name', '=', input.unitName)
      .where('successor_id', 'is', null)
      .executeTakeFirst();
    if (!unit) {
      unit = { id: randomUUID() };
      await trx
        .insertInto('units')
        .values({
          id: unit.id,
          name: input.unitName,
          short_name: null,
          parent_id: null,
          kind: 'office',
          successor_id: null,
        })
        .execute();
    }
    const siteName = input.siteName ?? input.unitName;
    let site = await trx
      .selectFrom('sites')
      .select('id')
      .where('name', '=', siteName)
      .where('unit_id', '=', unit.id)
      .executeTakeFirst();
    if (!site) {
      site = { id: randomUUID() };
      await trx
        .insertInto('sites')
        .values({ id: site.id, name: siteName, unit_id: unit.id })
        .execute();
    }
    const id = randomUUID();
    await trx
      .insertInto('users')
      .values({
        id,
        username: input.username,
        password_hash: passwordHash,
        full_name: input.fullName,
        title: input.title,
        unit_id: unit.id,
        site_id: site.id,
        disabled: 0,
        created_at: now.toISOString(),
      })
      .execute();
    await trx.insertInto('user_roles').values({ user_id: id, role: 'admin' }).execute();
    await new AuditLog(trx).record(
      {
        userId: null,
        action: 'admin.created',
        subject: id,
        details: { via: 'cli', username: input.username },
      },
      now,
    );
    return { id, username: input.username, fullName: input.fullName };
  });
}

/** Sets a password the user must change at the next sign-in, ends their sessions and lifts a lock-out. */
export async function resetPasswordByUsername(
  db: AppDatabase,
  username: string,
  password: string,
): Promise<void> {
  const users = new UserRepository(db);
  const found = await users.findByUsername(username);
  if (!found) throw new NotFoundError(`Không có tài khoản "${username}" / no such account`);
  const passwordHash = await hashPassword(password);
  await db.transaction().execute(async (trx) => {
    await new UserRepository(trx).setPassword(found.user.id, passwordHash, true);
    await new SessionRepository(trx).revokeAllOf(found.user.id);
    await trx.deleteFrom('login_failures').where('username_key', '=', username).execute();
    await new AuditLog(trx).record({
      userId: null,
      action: 'auth.password_reset',
      subject: found.user.id,
      details: { via: 'cli' },
    });
  });
}
