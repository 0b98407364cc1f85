import { PostgresAdapter, type Kysely } from 'kysely';

/** Where the two dialects differ (identity columns, row locks, isolation), code asks this. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any schema
export function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
