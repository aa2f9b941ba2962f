/** PUT /api/settings/public-pages (national, admin): an address that is not one is refused on its field; an empty text clears. */
import type { TSettings } from "@enquete/contract";
import { request } from "../../api/http.ts";

export function savePublicPages(body: { contactEmail: string; hostingNotice: string }): Promise<TSettings> {
  return request<TSettings>("/settings/public-pages", { method: "PUT", body });
}
