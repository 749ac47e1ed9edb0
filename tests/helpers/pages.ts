/**
 * Every page of a keyset-paginated list, from the first: `fetchPage` is called with each page's `nextCursor` until
 * there is none (at most `maxPages`, so a cursor that never ends fails its test instead of hanging). Answers the
 * pages' items, page by page.
 *
 * The cursor is opaque here: `fetchPage` gets back exactly what its previous page answered. (Typed `never` so that
 * TypeScript infers the items from the answer; a cursor type parameter would depend on itself.)
 */
export async function followPages<Item>(
  fetchPage: (cursor: never) => Promise<{ items: Item[]; nextCursor: unknown }>,
  maxPages = 200,
): Promise<Item[][]> {
  const pages: Item[][] = [];
  let cursor: unknown = null;
  do {
    const page = await fetchPage(cursor as never);
    pages.push(page.items);
    cursor = page.nextCursor;
  } while (cursor && pages.length < maxPages);
  return pages;
}
