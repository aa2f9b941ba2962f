/**
 * Emails: the signed-in user's notification preferences, and the platform's
 * outbox for administrators.
 */
import type { TNotificationPreferences, TOutboxPage, TUpdateNotificationPreferencesBody } from "@enquete/contract";
import { request } from "./http.ts";

/** GET /api/me/notifications: the emails that concern the caller's roles, and whether each is on. */
export function fetchNotificationPreferences(signal?: AbortSignal): Promise<TNotificationPreferences> {
  return request<TNotificationPreferences>("/me/notifications", { signal });
}

/**
 * PUT /api/me/notifications: only the kinds given change. Turning an essential
 * email off, or one that does not concern the caller, is refused with 422 and French field errors.
 */
export function saveNotificationPreferences(
  preferences: TUpdateNotificationPreferencesBody["preferences"],
): Promise<TNotificationPreferences> {
  return request<TNotificationPreferences>("/me/notifications", { method: "PUT", body: { preferences } });
}

/** GET /api/outbox?limit=&offset= (administrators): the emails, newest first. */
export function fetchOutbox(page: { limit: number; offset: number }, signal?: AbortSignal): Promise<TOutboxPage> {
  const search = new URLSearchParams({ limit: String(page.limit), offset: String(page.offset) });
  return request<TOutboxPage>(`/outbox?${search}`, { signal });
}
