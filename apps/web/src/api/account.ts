/**
 * The person's own account (domain page, section 7.2): the password links and
 * the forgotten password (public), what the login page offers, and in the
 * profile the password change, the open sessions and the API tokens.
 */
import type {
  TApiToken,
  TAuthOptions,
  TChangePasswordBody,
  TCreatedToken,
  TCreateTokenBody,
  TLinkInfo,
  TLogoutBody,
  TPasswordResetBody,
  TSessionInfo,
  TSetPasswordBody,
} from "@enquete/contract";
import { request } from "./http.ts";

export const accountApi = {
  /** Who a password link is for. The secret travels in the body, never in an address that a log would keep. 410 when it is gone. */
  linkInfo: (token: string, signal?: AbortSignal) =>
    request<TLinkInfo>("/auth/link-info", { method: "POST", body: { token }, signal, redirectOnUnauthorized: false }),

  /** 204; 422 with the policy's reasons on `password`; 410 when the link is gone. */
  setPassword: (body: TSetPasswordBody) => request<void>("/auth/password", { method: "POST", body, redirectOnUnauthorized: false }),

  /** 202 whatever the address: the answer never says whether an account exists. */
  requestPasswordReset: (body: TPasswordResetBody) =>
    request<void>("/auth/password-reset", { method: "POST", body, redirectOnUnauthorized: false }),

  /** Public: whether the login page shows the single sign-on button. */
  options: (signal?: AbortSignal) => request<TAuthOptions>("/auth/options", { signal, redirectOnUnauthorized: false }),

  /** 204; `allDevices` also ends the person's other sessions. */
  logout: (body: TLogoutBody = {}) => request<void>("/auth/logout", { method: "POST", body, redirectOnUnauthorized: false }),

  /**
   * 204, the other sessions ended; a wrong current password is a 422 on `currentPassword`. Never a reason to leave the page:
   * the session itself is fine whatever the answer.
   */
  changePassword: (body: TChangePasswordBody) => request<void>("/me/password", { method: "PUT", body }),

  sessions: (signal?: AbortSignal) => request<TSessionInfo[]>("/me/sessions", { signal }),

  endSession: (id: string) => request<void>(`/me/sessions/${encodeURIComponent(id)}`, { method: "DELETE" }),

  endOtherSessions: () => request<void>("/me/sessions", { method: "DELETE" }),

  tokens: (signal?: AbortSignal) => request<TApiToken[]>("/me/tokens", { signal }),

  /** The answer carries the token itself, this once. */
  createToken: (body: TCreateTokenBody) => request<TCreatedToken>("/me/tokens", { method: "POST", body }),

  revokeToken: (id: string) => request<void>(`/me/tokens/${encodeURIComponent(id)}`, { method: "DELETE" }),
};
