/**
 * Runs code as on a machine set to another time zone: Node re-reads `TZ` when it changes, so
 * `Date`'s local methods follow it. For checking that server output is in Vietnam time whatever
 * the server's zone.
 */
export async function inTimeZone<T>(zone: string, run: () => Promise<T>): Promise<T> {
  const saved = process.env.TZ;
  process.env.TZ = zone;
  try {
    return await run();
  } finally {
    // Assigning undefined would store the string "undefined".
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  }
}
