/**
 * The administrators' routes of the accounts (domain page, section 7.2): the
 * accounts searched and filtered, one account in detail, its creation with
 * an invitation, its changes (name, roles, deactivation) and a fresh
 * invitation link.
 */
import type { TCreateUserBody, TInvitationSent, TUpdateUserBody, TUserDetail, TUserListQuery, TUserPage } from "@enquete/contract";
import { request } from "./http.ts";

/** A list query without its defaults: what the page asks for. */
export type UserListQuery = Partial<TUserListQuery>;

const userPath = (id: string) => `/users/${encodeURIComponent(id)}`;

/** The query string of a list query, its empty filters left out. */
function searchOf(query: UserListQuery): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== "") search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

export const usersApi = {
  /** GET /api/users: one page of the accounts, ordered by name, with the total of the matching ones. */
  list: (query: UserListQuery, signal?: AbortSignal) => request<TUserPage>(`/users${searchOf(query)}`, { signal }),

  get: (id: string, signal?: AbortSignal) => request<TUserDetail>(userPath(id), { signal }),

  /** 201: the account is invited and the email with its link has left; 409 when the address is taken, 422 field by field. */
  create: (body: TCreateUserBody) => request<TInvitationSent>("/users", { method: "POST", body }),

  /** Only the fields given change; deactivating ends the person's sessions and API tokens at once. */
  update: (id: string, body: TUpdateUserBody) => request<TUserDetail>(userPath(id), { method: "PATCH", body }),

  /** A fresh invitation link, sent at once; the previous one stops working. */
  resendInvitation: (id: string) => request<TInvitationSent>(`${userPath(id)}/invitation`, { method: "POST" }),
};
