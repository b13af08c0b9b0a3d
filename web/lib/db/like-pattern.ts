/**
 * A search term for Prisma's `contains`, which puts it between % into a LIKE pattern without
 * escaping it: "%" would match everyone and "_" any character. PostgreSQL's default LIKE escape
 * character is the backslash, so each of the three is prefixed with one.
 */
export function likeLiteral(term: string): string {
  return term.replace(/[\\%_]/g, (c) => `\\${c}`);
}
