import type { Kysely } from 'kysely';

/**
 * The directory an administrator keeps (issue #15 §2): a person's email (imported from the
 * offices' spreadsheets; nullable, no uniqueness: a shared office mailbox is common), and indexes
 * for walking the unit tree, a unit's sites and people, and successor chains of merged units.
 * Types are ones PostgreSQL holds the same way.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').addColumn('email', 'text').execute();
  await db.schema.createIndex('units_parent_idx').on('units').column('parent_id').execute();
  await db.schema.createIndex('units_successor_idx').on('units').column('successor_id').execute();
  await db.schema.createIndex('sites_unit_idx').on('sites').column('unit_id').execute();
  await db.schema.createIndex('users_unit_idx').on('users').column('unit_id').execute();
  await db.schema.createIndex('users_site_idx').on('users').column('site_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const index of [
    'users_site_idx',
    'users_unit_idx',
    'sites_unit_idx',
    'units_successor_idx',
    'units_parent_idx',
  ])
    await db.schema.dropIndex(index).execute();
  await db.schema.alterTable('users').dropColumn('email').execute();
}
