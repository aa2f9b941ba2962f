import { ACCOUNT_STATUSES, type AccountStatus, ROLES, type Role } from "@enquete/domain";
import type { UserListQuery } from "../../api/users.ts";
import { ACCOUNTS_PAGE_SIZE } from "./paths.ts";

/**
 * The list's search, filters and page live in the address (French keys), so
 * the back button, a reload and a shared link keep them.
 */
export const PARAMS = { q: "recherche", role: "role", territory: "dt", atelier: "atelier", status: "etat", page: "page" } as const;

export type ListFilters = { q: string; role: Role | ""; territory: string; atelier: string; status: AccountStatus | ""; page: number };

const oneOf = <T extends string>(values: readonly T[], text: string | null): T | "" =>
  text !== null && (values as readonly string[]).includes(text) ? (text as T) : "";

/** What the address asks for; an unknown role or state in a hand-written link is no filter at all. */
export function filtersOf(search: URLSearchParams): ListFilters {
  const page = /^\d{1,6}$/.test(search.get(PARAMS.page) ?? "") ? Number(search.get(PARAMS.page)) : 1;
  return {
    q: search.get(PARAMS.q) ?? "",
    role: oneOf(ROLES, search.get(PARAMS.role)),
    territory: search.get(PARAMS.territory) ?? "",
    atelier: search.get(PARAMS.atelier) ?? "",
    status: oneOf(ACCOUNT_STATUSES, search.get(PARAMS.status)),
    page: Math.max(page, 1),
  };
}

export const isFiltered = (f: ListFilters) =>
  f.q.trim() !== "" || f.role !== "" || f.territory !== "" || f.atelier !== "" || f.status !== "";

export function queryOf(f: ListFilters): UserListQuery {
  return {
    q: f.q.trim() || undefined,
    role: f.role || undefined,
    territory: f.territory || undefined,
    atelier: f.atelier || undefined,
    status: f.status || undefined,
    limit: ACCOUNTS_PAGE_SIZE,
    offset: (f.page - 1) * ACCOUNTS_PAGE_SIZE,
  };
}

/** The address with one parameter changed; any change of the filters starts again at their first page. */
export function withParam(search: URLSearchParams, key: string, value: string): URLSearchParams {
  const next = new URLSearchParams(search);
  if (value) next.set(key, value);
  else next.delete(key);
  if (key !== PARAMS.page) next.delete(PARAMS.page);
  return next;
}
