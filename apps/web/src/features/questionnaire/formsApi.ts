/**
 * The questionnaire's versions (domain page, section 7.4). Reading is open to
 * every signed-in role (published versions); preparing, changing, discarding
 * and publishing a draft are the national team's, checked by the server.
 */
import type { TFormChange, TFormVersionDetail, TFormVersionSummary } from "@enquete/contract";
import { ApiError } from "../../api/ApiError.ts";
import { request } from "../../api/http.ts";

/** The draft as read: its updatedAt, quoted, in If-Match (the server refuses a write without it, 428). */
const asRead = (updatedAt: string) => ({ "if-match": `"${updatedAt}"` });

/** A 409 DRAFT_CHANGED: another national user saved the draft after this page read it. */
export const isDraftChanged = (error: unknown): boolean =>
  error instanceof ApiError && error.status === 409 && error.code === "DRAFT_CHANGED";

/** GET /api/forms: every version (drafts too for the national team). */
export async function fetchVersions(signal?: AbortSignal): Promise<TFormVersionSummary[]> {
  const list = await request<{ versions: TFormVersionSummary[] }>("/forms", { signal });
  return list.versions;
}

/** GET /api/forms/{version}: the version, its changes to its base, and the questionnaire they give. */
export function fetchVersion(version: number, signal?: AbortSignal): Promise<TFormVersionDetail> {
  return request<TFormVersionDetail>(`/forms/${version}`, { signal });
}

/** POST /api/forms: a new draft from a published version (409 when a draft already exists). */
export function createDraft(basedOn: number, changes: TFormChange[] = []): Promise<TFormVersionDetail> {
  return request<TFormVersionDetail>("/forms", { method: "POST", body: { basedOn, changes } });
}

/**
 * PUT /api/forms/{version}: the draft's whole list of changes, if the draft is
 * still as read (`updatedAt` as If-Match: 409 DRAFT_CHANGED when another
 * national user saved meanwhile). A refused change comes back as 422 with
 * `changes.N.…` fields; nothing is written.
 */
export async function saveChanges(version: number, changes: TFormChange[], updatedAt: string): Promise<TFormVersionDetail> {
  const saved = await request<TFormVersionDetail | undefined>(`/forms/${version}`, {
    method: "PUT",
    body: { changes },
    headers: asRead(updatedAt),
  });
  // The answer is the detail; should it ever be shorter, the page reads the version again rather than guess.
  return saved && Array.isArray(saved.changeList) && saved.form ? saved : fetchVersion(version);
}

/** DELETE /api/forms/{version}: discards a draft, if it is still as read (409 DRAFT_CHANGED otherwise). */
export function deleteDraft(version: number, updatedAt: string): Promise<void> {
  return request<void>(`/forms/${version}`, { method: "DELETE", headers: asRead(updatedAt) });
}

/**
 * POST /api/forms/{version}/publish: the draft applies from `from` (YYYY-MM), if it is still as
 * read (409 DRAFT_CHANGED otherwise: what is published is what the person read); other refusals in
 * French (422 on `from`, 409).
 */
export function publishVersion(version: number, from: string, updatedAt: string): Promise<TFormVersionDetail> {
  return request<TFormVersionDetail>(`/forms/${version}/publish`, { method: "POST", body: { from }, headers: asRead(updatedAt) });
}
