/** PUT /api/settings/reminders (national): a value out of range, or a reminder before the month's end, is refused on its field. */
import type { TSettings } from "@enquete/contract";
import { request } from "../../api/http.ts";

export function saveReminderDays(body: { daysBefore: number | null; daysAfter: number | null }): Promise<TSettings> {
  return request<TSettings>("/settings/reminders", { method: "PUT", body });
}
