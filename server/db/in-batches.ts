/** Rows inserted per statement when a change writes many (a CSV import): far below Postgres' parameter limit. */
export const BATCH = 500;

/** Writes `rows` a batch at a time, in order, in the caller's transaction. */
export async function inBatches<T>(rows: T[], write: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) await write(rows.slice(i, i + BATCH));
}
