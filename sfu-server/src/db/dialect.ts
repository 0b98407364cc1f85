import { PostgresAdapter, sql, type Expression, type Kysely, type RawBuilder } from 'kysely';

/** Where the two dialects differ (identity columns, row locks, isolation), code asks this. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any schema
export function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * Seconds since 1970 (a float) of a stored ISO-8601 text with any offset ("…Z", "…+07:00"):
 * stored times keep the offset they were typed with, so they compare as instants only this way.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any schema
export function epochSeconds(db: Kysely<any>, text: Expression<unknown>): RawBuilder<number> {
  return isPostgres(db)
    ? sql<number>`cast(extract(epoch from cast(${text} as timestamptz)) as float8)`
    : sql<number>`((julianday(${text}) - 2440587.5) * 86400.0)`;
}

/** A top-level string field of a JSON text column (`details_json`), or null. */
export function jsonTextField(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any schema
  db: Kysely<any>,
  json: Expression<unknown>,
  field: string,
): RawBuilder<string | null> {
  if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(field)) throw new Error(`Not a JSON field name: ${field}`);
  return isPostgres(db)
    ? sql<string | null>`(cast(${json} as json) ->> ${sql.lit(field)})`
    : sql<string | null>`json_extract(${json}, ${sql.lit(`$.${field}`)})`;
}
