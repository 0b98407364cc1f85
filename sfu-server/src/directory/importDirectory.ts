/**
 * People from an office's spreadsheet (rows parsed by main): every row is checked and answered
 * with what it does — the unit and site it uses (an existing one matched by name, without case or
 * diacritics; a merged unit's successor) or creates, the account it creates — and why it is
 * refused, in Vietnamese ("Dòng 5: tên đăng nhập 'abc' đã có"). Written only when asked and only
 * when no row is refused, all in the caller's one transaction.
 *
 * Imported accounts get no password: the administrator sets a temporary one per person
 * (`resetUserPassword`, which makes them change it at first sign-in). Hashing up to 2000
 * passwords here would hold the server's one scrypt slot for minutes.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { newUsernameSchema } from '../../../common/domain/account';
import {
  directoryNameKey,
  EMAIL_MAX,
  guessUnitKind,
  PERSON_NAME_MAX,
  SITE_NAME_MAX,
  TITLE_MAX,
  UNIT_NAME_MAX,
  type ImportRequest,
  type ImportResponse,
  type ImportRowResult,
} from '../../../common/domain/directory';
import type { User } from '../../../common/domain/user';
import type { AppDatabase } from '../db/database';
import { AuditLog, type AuditEntry } from '../db/repos/AuditLog';
import type { Insertable } from 'kysely';
import type { SiteTable, UnitTable, UserTable } from '../db/schema';
import { DirectoryRepository, type SiteRow, type UnitRow } from './DirectoryRepository';
import { refused } from './refusals';
import { currentUnitIn } from './unitLineage';
import { unusablePasswordHash } from './unusablePassword';

/** As people type names in cells: NFC, one space between words, none around. */
const clean = (text: string) => text.normalize('NFC').replace(/\s+/g, ' ').trim();
const emailCheck = z.email();

interface Planned {
  id: string;
  name: string;
  line: number;
}

function group<T>(items: readonly T[], keys: (item: T) => (string | null)[]): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items)
    for (const key of new Set(keys(item).filter((k): k is string => !!k)))
      map.set(key, [...(map.get(key) ?? []), item]);
  return map;
}

export async function importDirectory(
  trx: AppDatabase,
  actor: User,
  request: ImportRequest,
  now = new Date(),
): Promise<ImportResponse> {
  const repo = new DirectoryRepository(trx);
  const [unitRows, siteRows] = await Promise.all([repo.unitRows(), repo.siteRows()]);
  const unitsById = new Map(unitRows.map((u) => [u.id, u]));
  if (request.parentUnitId !== null) {
    const parent = unitsById.get(request.parentUnitId);
    if (!parent) throw refused('unit_not_found', 'No such parent unit');
    if (parent.successor_id !== null)
      throw refused('unit_merged', `${parent.name} is merged into another unit`);
  }
  const links = new Map(
    unitRows.filter((u) => u.successor_id !== null).map((u) => [u.id, u.successor_id!]),
  );
  const unitKeys = (u: UnitRow) => [
    directoryNameKey(u.name),
    u.short_name ? directoryNameKey(u.short_name) : null,
  ];
  const currentByKey = group(
    unitRows.filter((u) => u.successor_id === null),
    unitKeys,
  );
  const mergedByKey = group(
    unitRows.filter((u) => u.successor_id !== null),
    unitKeys,
  );
  const sitesByKey = group(siteRows, (s) => [directoryNameKey(s.name)]);
  const underParent =
    request.parentUnitId === null
      ? null
      : new Set([request.parentUnitId, ...(await repo.descendantIds(request.parentUnitId))]);

  const usernames = request.rows.map((row) => {
    const raw = clean(row.username);
    const parsed = newUsernameSchema.safeParse(raw);
    return { raw, value: parsed.success ? parsed.data : null };
  });
  const taken = await repo.takenUsernames(
    usernames.flatMap((u) => (u.value === null ? [] : [u.value])),
  );

  const newUnits = new Map<string, Planned>();
  const newSites = new Map<string, Planned & { unitId: string }>();
  const firstLineOfUsername = new Map<string, number>();
  const newUsers: Insertable<UserTable>[] = [];
  const results: ImportRowResult[] = [];

  for (const [index, row] of request.rows.entries()) {
    const line = row.line;
    const errors: string[] = [];
    const notes: string[] = [];
    const refuse = (text: string) => errors.push(`Dòng ${line}: ${text}`);
    const fullName = clean(row.fullName);
    const title = clean(row.title);
    const unitName = clean(row.unit);
    const siteName = clean(row.site);
    const email = clean(row.email).toLowerCase();
    const username = usernames[index]!;

    if (!fullName && !title && !unitName && !siteName && !username.raw && !email) {
      refuse('dòng trống');
      results.push({
        line,
        fullName,
        username: '',
        unit: { action: 'none', id: null, name: '' },
        site: { action: 'none', id: null, name: '' },
        user: { action: 'none', id: null },
        notes,
        errors,
      });
      continue;
    }
    if (!fullName) refuse('chưa ghi họ tên');
    else if ([...fullName].length > PERSON_NAME_MAX)
      refuse(`họ tên dài quá ${PERSON_NAME_MAX} ký tự`);
    if ([...title].length > TITLE_MAX) refuse(`chức vụ dài quá ${TITLE_MAX} ký tự`);
    if (!username.raw) refuse('chưa ghi tên đăng nhập');
    else if (username.value === null)
      refuse(
        `tên đăng nhập '${username.raw}' không hợp lệ: chỉ dùng chữ a–z, số, dấu chấm, gạch ngang, gạch dưới, từ 2 đến 64 ký tự`,
      );
    else if (taken.has(username.value)) refuse(`tên đăng nhập '${username.value}' đã có`);
    else if (firstLineOfUsername.has(username.value))
      refuse(
        `tên đăng nhập '${username.value}' trùng với dòng ${firstLineOfUsername.get(username.value)}`,
      );
    if (email && (email.length > EMAIL_MAX || !emailCheck.safeParse(email).success))
      refuse(`email '${email}' không hợp lệ`);
    if (username.value !== null && !firstLineOfUsername.has(username.value))
      firstLineOfUsername.set(username.value, line);

    // The unit: an existing current one, a merged one's successor, or one to create.
    let unit: ImportRowResult['unit'] = { action: 'none', id: null, name: unitName };
    if (!unitName) {
      refuse('chưa ghi đơn vị');
    } else if ([...unitName].length > UNIT_NAME_MAX) {
      refuse(`tên đơn vị dài quá ${UNIT_NAME_MAX} ký tự`);
    } else {
      const key = directoryNameKey(unitName);
      const found = prefer(currentByKey.get(key) ?? [], (u) => underParent?.has(u.id) ?? false);
      const successors = [
        ...new Set((mergedByKey.get(key) ?? []).map((u) => currentUnitIn(links, u.id))),
      ].flatMap((id) => (unitsById.has(id) ? [unitsById.get(id)!] : []));
      if (found.length > 1) {
        refuse(
          `có ${found.length} đơn vị tên '${unitName}'; hãy đặt tên khác nhau trong mục Đơn vị rồi nhập lại`,
        );
      } else if (found.length === 1) {
        unit = { action: 'exists', id: found[0]!.id, name: found[0]!.name };
      } else if (successors.length === 1) {
        const successor = successors[0]!;
        unit = { action: 'exists', id: successor.id, name: successor.name };
        notes.push(`'${unitName}' đã sáp nhập vào '${successor.name}'`);
      } else if (successors.length > 1) {
        refuse(`'${unitName}' đã sáp nhập vào nhiều đơn vị; hãy ghi tên đơn vị hiện nay`);
      } else {
        const planned = newUnits.get(key);
        if (planned) unit = { action: 'earlier', id: planned.id, name: planned.name };
        else {
          const id = randomUUID();
          newUnits.set(key, { id, name: unitName, line });
          unit = { action: 'create', id, name: unitName };
        }
      }
    }

    // The site: found by name anywhere (people of a department sit in the province's hall);
    // among sites of one name, the row's unit's; else created under the row's unit.
    let site: ImportRowResult['site'] = { action: 'none', id: null, name: siteName };
    if (!siteName) {
      refuse('chưa ghi điểm cầu');
    } else if ([...siteName].length > SITE_NAME_MAX) {
      refuse(`tên điểm cầu dài quá ${SITE_NAME_MAX} ký tự`);
    } else {
      const key = directoryNameKey(siteName);
      const found = prefer(sitesByKey.get(key) ?? [], (s: SiteRow) => s.unit_id === unit.id);
      if (found.length > 1)
        refuse(
          `có ${found.length} điểm cầu tên '${siteName}' ở các đơn vị khác nhau; hãy ghi đúng đơn vị của điểm cầu`,
        );
      else if (found.length === 1)
        site = { action: 'exists', id: found[0]!.id, name: found[0]!.name };
      else if (unit.id !== null) {
        const planned = newSites.get(key);
        if (planned) site = { action: 'earlier', id: planned.id, name: planned.name };
        else {
          const id = randomUUID();
          newSites.set(key, { id, name: siteName, line, unitId: unit.id });
          site = { action: 'create', id, name: siteName };
        }
      }
    }

    const userId = errors.length === 0 ? randomUUID() : null;
    if (userId !== null)
      newUsers.push({
        id: userId,
        username: username.value!,
        password_hash: unusablePasswordHash(),
        full_name: fullName,
        title,
        email: email || null,
        unit_id: unit.id!,
        site_id: site.id!,
        disabled: 0,
        created_at: now.toISOString(),
        must_change_password: 1,
      });
    results.push({
      line,
      fullName,
      username: username.value ?? username.raw,
      unit,
      site,
      user: { action: userId === null ? 'none' : 'create', id: userId },
      notes,
      errors,
    });
  }

  const refusedCount = results.filter((r) => r.errors.length > 0).length;
  const commit = !request.dryRun && refusedCount === 0;
  if (commit) {
    const unitInserts: Insertable<UnitTable>[] = [...newUnits.values()].map((u) => ({
      id: u.id,
      name: u.name,
      short_name: null,
      parent_id: request.parentUnitId,
      kind: guessUnitKind(u.name),
      successor_id: null,
    }));
    const siteInserts: Insertable<SiteTable>[] = [...newSites.values()].map((s) => ({
      id: s.id,
      name: s.name,
      unit_id: s.unitId,
    }));
    await repo.insertUnits(unitInserts);
    await repo.insertSites(siteInserts);
    await repo.insertUsers(newUsers, []);
    const entry = (action: string, subject: string, details: Record<string, unknown>) =>
      ({ userId: actor.id, action, subject, details }) satisfies AuditEntry;
    await new AuditLog(trx).recordMany(
      [
        entry('directory.import', 'import', {
          rows: results.length,
          units: unitInserts.length,
          sites: siteInserts.length,
          users: newUsers.length,
          parentUnitId: request.parentUnitId,
        }),
        ...unitInserts.map((u) =>
          entry('directory.unit.create', u.id, { import: true, name: u.name, kind: u.kind }),
        ),
        ...siteInserts.map((s) =>
          entry('directory.site.create', s.id, { import: true, name: s.name, unitId: s.unit_id }),
        ),
        ...newUsers.map((u) =>
          entry('directory.user.create', u.id, {
            import: true,
            username: u.username,
            fullName: u.full_name,
          }),
        ),
      ],
      now,
    );
  }

  // A dry run names no ids of things that do not exist yet.
  const shown = commit
    ? results
    : results.map((r) => ({
        ...r,
        unit: r.unit.action === 'exists' ? r.unit : { ...r.unit, id: null },
        site: r.site.action === 'exists' ? r.site : { ...r.site, id: null },
        user: { ...r.user, id: null },
      }));
  return {
    dryRun: request.dryRun,
    committed: commit,
    rows: shown,
    summary: {
      rows: results.length,
      refused: refusedCount,
      unitsCreated: newUnits.size,
      sitesCreated: newSites.size,
      usersCreated: newUsers.length,
    },
  };
}

/** Of several candidates, those `preferred` says (when any), else all. */
function prefer<T>(candidates: readonly T[], preferred: (item: T) => boolean): T[] {
  const unique = [...new Set(candidates)];
  if (unique.length <= 1) return unique;
  const best = unique.filter(preferred);
  return best.length > 0 ? best : unique;
}
