/**
 * The copy of the typed values and notes kept on this device until the
 * server has them, so that a closed tab, a reload, an expired session or a
 * dropped network loses nothing. One entry per person, atelier and month; it
 * names the questionnaire version it was typed in, so that a copy of another
 * version is sorted field by field when it comes back (see restore.ts).
 */
import type { FormText, NoteText } from "../form/formText.ts";

export type LocalDraft = {
  /** The report's version the values were typed on (0: not created yet). */
  baseVersion: number;
  /** The questionnaire version they were typed in. */
  formVersion: number;
  text: FormText;
  /** Copies written before notes existed have none. */
  notes: NoteText;
  savedAt: string;
};

export type DraftKey = { userId: string; atelier: string; period: string };

const PREFIX = "enquete-atelier:brouillon:v1";

const valuesKey = (k: DraftKey) => `${PREFIX}:${k.userId}:${k.atelier}:${k.period}`;
const justificationsKey = (k: DraftKey) => `${valuesKey(k)}:justifications`;
const replyKey = (k: DraftKey) => `${valuesKey(k)}:reponse`;

function readJson(key: string): unknown {
  try {
    const raw = window.localStorage.getItem(key);
    return raw === null ? null : JSON.parse(raw);
  } catch {
    return null; // storage disabled or an unreadable entry: as if there were none
  }
}

function writeJson(key: string, value: unknown): void {
  try {
    window.localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage full or disabled: the server save still runs; nothing better can be done here.
  }
}

function remove(key: string): void {
  try {
    window.localStorage.removeItem(key);
  } catch {
    // same as above
  }
}

const isTextRecord = (v: unknown): v is Record<string, string> =>
  typeof v === "object" && v !== null && Object.values(v).every((x) => typeof x === "string");

export class LocalDraftStore {
  constructor(private readonly key: DraftKey) {}

  read(): LocalDraft | null {
    const v = readJson(valuesKey(this.key)) as Partial<LocalDraft> | null;
    if (!v || typeof v.baseVersion !== "number" || typeof v.formVersion !== "number" || !isTextRecord(v.text)) return null;
    return {
      baseVersion: v.baseVersion,
      formVersion: v.formVersion,
      text: v.text,
      notes: isTextRecord(v.notes) ? v.notes : {},
      savedAt: String(v.savedAt ?? ""),
    };
  }

  write(draft: Omit<LocalDraft, "savedAt">): void {
    writeJson(valuesKey(this.key), { ...draft, savedAt: new Date().toISOString() });
  }

  clear(): void {
    remove(valuesKey(this.key));
  }

  /** Justifications are only sent at submission: they stay here until then. */
  readJustifications(): Record<string, string> | null {
    const v = readJson(justificationsKey(this.key));
    return isTextRecord(v) ? v : null;
  }

  writeJustifications(justifications: Record<string, string>): void {
    if (Object.values(justifications).every((t) => t === "")) remove(justificationsKey(this.key));
    else writeJson(justificationsKey(this.key), justifications);
  }

  /** The reply to a return comment, typed in the confirmation step: sent with the submission only, kept here until then. */
  readReply(): string | null {
    const v = readJson(replyKey(this.key));
    return typeof v === "string" ? v : null;
  }

  writeReply(reply: string): void {
    if (reply === "") remove(replyKey(this.key));
    else writeJson(replyKey(this.key), reply);
  }

  clearAll(): void {
    this.clear();
    remove(justificationsKey(this.key));
    remove(replyKey(this.key));
  }
}
