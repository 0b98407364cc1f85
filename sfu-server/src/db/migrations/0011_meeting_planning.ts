import type { Kysely } from 'kysely';

/**
 * Meetings a province plans itself (issue #15 §3): a meeting's kind, state (draft → published →
 * postponed/cancelled), hall and preparing unit, the units invited as such, the agenda items'
 * presenting unit and planned times, and the invitations (giấy mời) with their answers. Rows of
 * earlier versions are meetings already published (the demo's), hence the defaults.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [name, type, fill] of [
    ['kind', 'text', 'other'],
    ['status', 'text', 'published'],
  ] as const)
    await db.schema
      .alterTable('meetings')
      .addColumn(name, type, (c) => c.notNull().defaultTo(fill))
      .execute();
  await db.schema
    .alterTable('meetings')
    .addColumn('online', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  for (const name of [
    'preparing_unit_id',
    'hall_site_id',
    'signer_json',
    'status_reason',
    'published_at',
    'updated_at',
    'created_by',
  ])
    await db.schema.alterTable('meetings').addColumn(name, 'text').execute();

  await db.schema
    .createTable('meeting_units')
    .addColumn('meeting_id', 'text', (c) =>
      c.notNull().references('meetings.id').onDelete('cascade'),
    )
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addPrimaryKeyConstraint('meeting_units_pk', ['meeting_id', 'unit_id'])
    .execute();

  /** Set when a participant takes part through a unit's answer (who attends, or the proxy). */
  await db.schema.alterTable('meeting_participants').addColumn('invitation_id', 'text').execute();

  await db.schema.alterTable('agenda_items').addColumn('presenting_unit_id', 'text').execute();
  await db.schema
    .alterTable('agenda_items')
    .addColumn('planned_start_minutes', 'integer')
    .execute();
  await db.schema.alterTable('agenda_items').addColumn('planned_minutes', 'integer').execute();

  await db.schema
    .createTable('invitations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('meeting_id', 'text', (c) =>
      c.notNull().references('meetings.id').onDelete('cascade'),
    )
    /** The unit addressed, or the person's unit. */
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    /** null: addressed to the unit, any of whose people answers. */
    .addColumn('user_id', 'text', (c) => c.references('users.id'))
    .addColumn('site_id', 'text', (c) => c.references('sites.id'))
    /** pending | attend | absent | proxy */
    .addColumn('response', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('attendee_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('reason', 'text')
    .addColumn('responded_by', 'text', (c) => c.references('users.id'))
    .addColumn('responded_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('invitations_meeting_idx')
    .on('invitations')
    .column('meeting_id')
    .execute();
  await db.schema
    .createTable('invitation_views')
    .addColumn('invitation_id', 'text', (c) =>
      c.notNull().references('invitations.id').onDelete('cascade'),
    )
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('seen_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('invitation_views_pk', ['invitation_id', 'user_id'])
    .execute();
  /** What invitees are told after publication: changes, postponement, cancellation. */
  await db.schema
    .createTable('meeting_announcements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('meeting_id', 'text', (c) =>
      c.notNull().references('meetings.id').onDelete('cascade'),
    )
    /** published | changed | agenda_changed | postponed | cancelled */
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
}
