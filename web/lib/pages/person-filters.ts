import { ZPersonListQuery, type TPersonListQuery } from "../schemas/persons.ts";

export const PERSON_PAGE_SIZE = 20;

type SearchParams = Record<string, string | string[] | undefined>;
const KEYS = ["q", "status", "unitId", "page"] as const;

/**
 * The persons list's URL → a valid list query. A bad value (a hand-edited status, a stale unit
 * id) drops that one filter instead of failing the whole page.
 */
export function personFiltersFrom(searchParams: SearchParams): TPersonListQuery {
  const raw: Record<string, string> = {};
  for (const key of KEYS) {
    const value = searchParams[key];
    if (typeof value === "string" && value.trim() !== "") raw[key] = value;
  }
  for (;;) {
    const parsed = ZPersonListQuery.safeParse({ ...raw, pageSize: PERSON_PAGE_SIZE });
    if (parsed.success) return parsed.data;
    const bad = parsed.error.issues.map((issue) => String(issue.path[0]));
    const before = Object.keys(raw).length;
    for (const key of bad) delete raw[key];
    if (Object.keys(raw).length === before) return ZPersonListQuery.parse({ pageSize: PERSON_PAGE_SIZE });
  }
}

/** The URL of the list with these filters, for links and paging. */
export function personListHref(filters: Partial<TPersonListQuery>): string {
  const params = new URLSearchParams();
  if (filters.q) params.set("q", filters.q);
  if (filters.status) params.set("status", filters.status);
  if (filters.unitId) params.set("unitId", filters.unitId);
  if (filters.page && filters.page > 1) params.set("page", String(filters.page));
  const query = params.toString();
  return query ? `/persons?${query}` : "/persons";
}
