import type { Kysely } from 'kysely';

/**
 * The live meeting (issue #5): attendance, the speaking queue and votes, persisted so they
 * survive a server restart. A secret ballot's rows never pair a voter with a choice: ballots
 * record who voted (choice null), tallies count per option.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('attendance')
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    /** present | late | absent */
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('checked_in_at', 'text')
    .addColumn('checked_in_by', 'text', (c) => c.references('users.id'))
    .addColumn('absence_reason', 'text')
    .addColumn('proxy_user_id', 'text', (c) => c.references('users.id'))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('attendance_pk', ['meeting_id', 'user_id'])
    .execute();
  await db.schema
    .createTable('floor_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('topic', 'text')
    /** queued | speaking | done | declined | withdrawn */
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('requested_at', 'text', (c) => c.notNull())
    .addColumn('granted_at', 'text')
    .addColumn('ended_at', 'text')
    .addColumn('decided_by', 'text', (c) => c.references('users.id'))
    .execute();
  await db.schema
    .createIndex('floor_requests_meeting_idx')
    .on('floor_requests')
    .columns(['meeting_id', 'status'])
    .execute();
  await db.schema
    .createTable('votes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('meeting_id', 'text', (c) => c.notNull().references('meetings.id'))
    .addColumn('question', 'text', (c) => c.notNull())
    .addColumn('options_json', 'text', (c) => c.notNull())
    .addColumn('secret', 'integer', (c) => c.notNull())
    /** open | closed */
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('opened_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('opened_at', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text')
    .execute();
  await db.schema
    .createTable('vote_ballots')
    .addColumn('vote_id', 'text', (c) => c.notNull().references('votes.id'))
    .addColumn('voter_id', 'text', (c) => c.notNull().references('users.id'))
    /** The option index; null on a secret ballot. */
    .addColumn('choice', 'integer')
    /** Null on a secret ballot too: times next to tally changes would tell who voted what. */
    .addColumn('cast_at', 'text')
    .addPrimaryKeyConstraint('vote_ballots_pk', ['vote_id', 'voter_id'])
    .execute();
  await db.schema
    .createTable('vote_tallies')
    .addColumn('vote_id', 'text', (c) => c.notNull().references('votes.id'))
    .addColumn('option_index', 'integer', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('vote_tallies_pk', ['vote_id', 'option_index'])
    .execute();
}
