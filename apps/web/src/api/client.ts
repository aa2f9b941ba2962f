/**
 * The typed client of the JSON API: one function per endpoint, types from the shared contract.
 */
import type { TAtelier, TAtelierDetail, TLoginBody, TMe, TTerritory } from "@enquete/contract";
import { request } from "./http.ts";

export { ApiError, errorMessage } from "./ApiError.ts";
export { setUnauthorizedHandler } from "./http.ts";

export const api = {
  login: (body: TLoginBody) => request<TMe>("/auth/login", { method: "POST", body, redirectOnUnauthorized: false }),

  me: (signal?: AbortSignal) => request<TMe>("/me", { signal, redirectOnUnauthorized: false }),

  territories: (signal?: AbortSignal) => request<TTerritory[]>("/territories", { signal }),

  ateliers: (query: { territory?: string } = {}, signal?: AbortSignal) => {
    const search = query.territory ? `?${new URLSearchParams({ territory: query.territory })}` : "";
    return request<TAtelier[]>(`/ateliers${search}`, { signal });
  },

  atelier: (code: string, signal?: AbortSignal) => request<TAtelierDetail>(`/ateliers/${encodeURIComponent(code)}`, { signal }),
};
