/**
 * Promise.all that answers only once every call has settled, then throws the first failure in the order given. The
 * server uses it for all its parallel calls (an ESLint rule refuses Promise.all in server/services and server/trpc);
 * it matters for the statements of one transaction. What is sent together goes out in one write and runs in the
 * order sent (postgres.js pipelines it on the transaction's connection), saving a round trip per statement; and a
 * call still on its way to its next statement when another failed would, with Promise.all, send that statement after
 * the transaction rolled back, on a connection that is no longer the transaction's.
 */
export async function together<T extends readonly unknown[] | []>(
  calls: T,
): Promise<{ -readonly [K in keyof T]: Awaited<T[K]> }> {
  const settled = await Promise.allSettled(calls);
  for (const result of settled) if (result.status === "rejected") throw result.reason;
  return settled.map((result) => (result as PromiseFulfilledResult<unknown>).value) as {
    -readonly [K in keyof T]: Awaited<T[K]>;
  };
}
