/** GET /api/public/contact: the contact address, due day and hosting notice, read with or without a session. */
import type { TPublicContact } from "@enquete/contract";
import { request } from "../../api/http.ts";
import { useApiData } from "../../shared/useApiData.ts";

export function fetchPublicContact(signal?: AbortSignal): Promise<TPublicContact> {
  return request<TPublicContact>("/public/contact", { signal, redirectOnUnauthorized: false });
}

export function usePublicContact() {
  return useApiData((signal) => fetchPublicContact(signal), []);
}

/** Said wherever the address should be and the national team has not given it yet. */
export const NO_CONTACT_EMAIL = "L'adresse de contact n'a pas encore été renseignée par l'équipe nationale.";
