/**
 * Successor chains of merged units (DOMAIN.md: Sở Kế hoạch và Đầu tư → Sở Tài chính in 2025).
 * A merged unit keeps its row with `successor_id` set and its tasks keep its id, so every lookup
 * "is this the agency's task?" asks which units answer as the agency: itself and every unit whose
 * chain of successors reaches it.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema';

/** Follows at most this many links: a chain is a handful of reorganisations, never a loop. */
const MAX_CHAIN = 64;

/** Merged unit id → its successor id. Merged units are few (tens), so they are read at once. */
export async function successorLinks(db: Kysely<Database>): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('units')
    .select(['id', 'successor_id'])
    .where('successor_id', 'is not', null)
    .execute();
  return new Map(rows.map((r) => [r.id, r.successor_id!]));
}

/** The unit and every unit merged into it, directly or through earlier merges. */
export function predecessorsIn(links: ReadonlyMap<string, string>, unitId: string): Set<string> {
  const bySuccessor = new Map<string, string[]>();
  for (const [from, to] of links) bySuccessor.set(to, [...(bySuccessor.get(to) ?? []), from]);
  const found = new Set([unitId]);
  const queue = [unitId];
  while (queue.length > 0) {
    for (const predecessor of bySuccessor.get(queue.shift()!) ?? [])
      if (!found.has(predecessor)) {
        found.add(predecessor);
        queue.push(predecessor);
      }
  }
  return found;
}

/** The unit that answers for `unitId` today: the end of its successor chain (itself if current). */
export function currentUnitIn(links: ReadonlyMap<string, string>, unitId: string): string {
  let id = unitId;
  for (let i = 0; i < MAX_CHAIN; i++) {
    const next = links.get(id);
    if (next === undefined || next === unitId) return id;
    id = next;
  }
  return id;
}

/** The ids a member of `unitId` acts for: the unit and every unit merged into it. */
export async function unitIdsAnsweringAs(
  db: Kysely<Database>,
  unitId: string,
): Promise<Set<string>> {
  return predecessorsIn(await successorLinks(db), unitId);
}

/** `currentUnitIn` over the database. */
export async function currentUnitOf(db: Kysely<Database>, unitId: string): Promise<string> {
  return currentUnitIn(await successorLinks(db), unitId);
}
