/** Escapes LIKE wildcards so a search for "50%" finds "50%", not everything: `%text%` for ILIKE. */
export function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
