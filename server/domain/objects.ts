/** The object without the given keys (rows that carry helper columns, inputs that carry ids). */
export function omit<T extends object, K extends keyof T>(row: T, ...keys: K[]): Omit<T, K> {
  const out = { ...row };
  for (const key of keys) delete out[key];
  return out;
}

/** The object with only the given keys (the fields of an input that make up a row or an audit entry). */
export function pick<T extends object, K extends keyof T>(row: T, ...keys: K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((key) => [key, row[key]])) as Pick<T, K>;
}
