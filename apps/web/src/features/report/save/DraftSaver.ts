/**
 * Autosave of a draft, outside React: a moment after typing stops, on blur and
 * when the page is hidden, the whole values and the notes on them go to the
 * server with the version they were typed on. Every change is first written to this device; the copy
 * is dropped only once the server has acknowledged those exact values.
 *
 * Nothing is ever overwritten silently: a stale version stops here (conflict)
 * until the person chooses; an expired session stops here until they sign in;
 * a dropped network is retried when the browser is back online, and
 * periodically with a growing delay.
 *
 * A save's answer must be that save's own: the version after the one it named
 * (the same one when nothing changed) and exactly the values it sent. Any
 * other answer (another writer's version or values) is a conflict shown to
 * the person, never a reason to send the values again over a version this
 * page did not write.
 */
import type { TReportState, TSavedDraft } from "@enquete/contract";
import type { FormDefinition, ReportValues } from "@enquete/domain";
import type { ConflictSide } from "../conflict/conflictSide.ts";
import {
  cleanNotes,
  completeValues,
  type FormText,
  type NoteText,
  notedCodes,
  noteTooLong,
  parseFormText,
  type ReportNotes,
  sameNotes,
  sameValues,
} from "../form/formText.ts";
import type { LocalDraftStore } from "./localDraft.ts";
import { classifyFailure } from "./saveFailure.ts";

export type SaveState =
  /** A month not started yet, and nothing typed: nothing to save. */
  | { kind: "unsaved" }
  | { kind: "saved"; at: Date | null }
  /** Typed, waiting for typing to stop. */
  | { kind: "pending" }
  /** Everything readable is saved; some fields cannot be read yet and stay on this device. */
  | { kind: "invalid" }
  | { kind: "saving" }
  /** offline: the browser has no network; unreachable: it has, but the server does not answer. */
  | { kind: "offline"; reason: "offline" | "unreachable"; attempts: number }
  | { kind: "expired" }
  /** `base`: the values (and notes) both versions started from, when known (to suggest a choice per field). */
  | { kind: "conflict"; current: ConflictSide; base: ReportValues | null; baseNotes: ReportNotes | null }
  | { kind: "error"; message: string; requestId?: string };

export type SaverDeps = {
  form: FormDefinition;
  store: LocalDraftStore;
  /**
   * `notes`: every note, a removed one as "" (the API keeps a note it is not sent); `formVersion`:
   * the questionnaire version of `form`, which the values are typed on.
   */
  save: (
    draft: { values: ReportValues; notes: ReportNotes; formVersion: number },
    version: number,
    options: { keepalive?: boolean },
  ) => Promise<TSavedDraft>;
  /** The report as the server holds it now (when a save finds it created meanwhile). */
  load: () => Promise<TReportState>;
  /** The server's answer to a save this page wrote: new version, values, warnings. */
  onSaved: (saved: TSavedDraft) => void;
  isOnline?: () => boolean;
  debounceMs?: number;
};

export type SaverInit = {
  version: number;
  /** What the server holds at that version. */
  serverValues: ReportValues;
  serverNotes: ReportNotes;
  text: FormText;
  notes: NoteText;
  savedAt: Date | null;
  /** Values restored from this device that the server does not have yet. */
  restored: boolean;
  /** The server moved on since the restored values were typed. */
  conflict: ConflictSide | null;
};

/** What a save sends and what the server acknowledged: comparable as a whole. */
type Payload = { values: ReportValues; notes: ReportNotes; complete: boolean };

const DEBOUNCE_MS = 1500;
const FIRST_RETRY_MS = 2000;
const MAX_RETRY_MS = 30_000;

const browserOnline = () => typeof navigator === "undefined" || navigator.onLine !== false;

export class DraftSaver {
  private version: number;
  private acked: ReportValues;
  private ackedNotes: ReportNotes;
  private text: FormText;
  private notes: NoteText;
  private lastSavedAt: Date | null;
  private state: SaveState;
  private inFlight: Promise<void> | null = null;
  private again = false;
  private held = false;
  private started = false;
  private debounceTimer: ReturnType<typeof setTimeout> | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private retryDelay = FIRST_RETRY_MS;
  /** Saves in a row that found no server. */
  private failures = 0;
  private readonly listeners = new Set<() => void>();
  private readonly isOnline: () => boolean;

  constructor(
    private readonly deps: SaverDeps,
    init: SaverInit,
  ) {
    this.version = init.version;
    this.acked = completeValues(deps.form, init.serverValues);
    this.ackedNotes = cleanNotes(deps.form, init.serverNotes);
    this.text = init.text;
    this.notes = init.notes;
    this.lastSavedAt = init.savedAt;
    this.isOnline = deps.isOnline ?? browserOnline;
    if (init.conflict) this.state = { kind: "conflict", current: init.conflict, base: null, baseNotes: null };
    else if (init.restored) this.state = { kind: "pending" };
    else this.state = this.settledState(this.payload().complete);
  }

  // --- for React (useSyncExternalStore) ---

  readonly subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  readonly getState = (): SaveState => this.state;

  /** The version the next save or the submission must name in If-Match. */
  get currentVersion(): number {
    return this.version;
  }

  // --- life cycle ---

  start(): void {
    if (this.started) return;
    this.started = true;
    window.addEventListener("online", this.onOnline);
    window.addEventListener("offline", this.onOffline);
    window.addEventListener("pagehide", this.onPageHide);
    document.addEventListener("visibilitychange", this.onVisibilityChange);
    // Values on this device that the server already has: the copy is no longer needed.
    if (this.state.kind === "saved" || this.state.kind === "unsaved") this.deps.store.clear();
    if (this.state.kind === "pending") this.flush();
    else if (!this.isOnline()) this.onOffline();
  }

  /** Leaving the page: what is pending goes now (it is on this device anyway). */
  stop(): void {
    if (!this.started) return;
    this.started = false;
    window.removeEventListener("online", this.onOnline);
    window.removeEventListener("offline", this.onOffline);
    window.removeEventListener("pagehide", this.onPageHide);
    document.removeEventListener("visibilitychange", this.onVisibilityChange);
    const pending = this.debounceTimer !== undefined;
    this.clearTimers();
    if (pending) this.flush({ keepalive: true });
  }

  // --- what the page tells it ---

  /** Every change of a value or a note: first to this device, then to the server once typing stops. */
  change(text: FormText, notes: NoteText = this.notes): void {
    this.text = text;
    this.notes = notes;
    this.writeCopy();
    if (this.isBlocked()) return;
    const payload = this.payload();
    const { complete } = payload;
    if (this.isAcked(payload) && this.inFlight === null) {
      this.clearDebounce();
      this.settle(complete);
      return;
    }
    if (this.state.kind !== "offline" && this.state.kind !== "error") this.setState({ kind: "pending" });
    this.clearDebounce();
    this.debounceTimer = setTimeout(() => {
      this.debounceTimer = undefined;
      this.flush();
    }, this.deps.debounceMs ?? DEBOUNCE_MS);
  }

  /** Saves now (blur of a field, page hidden, "Réessayer"). */
  flush(options: { keepalive?: boolean } = {}): void {
    this.clearDebounce();
    if (this.isBlocked()) return;
    if (this.inFlight) {
      this.again = true;
      return;
    }
    const payload = this.payload();
    // Nothing new for the server (and opening a new month is not creating its report).
    if (this.isAcked(payload)) {
      this.settle(payload.complete);
      return;
    }
    if (!this.isOnline()) {
      this.setOffline("offline");
      return;
    }
    this.send(payload, options);
  }

  retry(): void {
    this.retryDelay = FIRST_RETRY_MS;
    if (this.state.kind === "error" || this.state.kind === "offline") this.setState({ kind: "pending" });
    this.flush();
  }

  /**
   * The person chose between the two versions: `text` and `notes` are the
   * result, typed on top of the version the server holds now.
   */
  resolveConflict(text: FormText, notes: NoteText, current: ConflictSide): void {
    this.version = current.version;
    this.acked = completeValues(this.deps.form, current.values);
    // Notes the conflict did not carry: the server's are not known, so every note on screen is sent.
    this.ackedNotes = current.notes ? cleanNotes(this.deps.form, current.notes) : {};
    this.lastSavedAt = current.updatedAt ? new Date(current.updatedAt) : this.lastSavedAt;
    this.text = text;
    this.notes = notes;
    this.writeCopy();
    this.setState({ kind: "pending" });
    this.flush();
  }

  /** A conflict found by the submission itself (or by a change of questionnaire version). */
  conflict(current: ConflictSide): void {
    this.setState({ kind: "conflict", current, base: { ...this.acked }, baseNotes: { ...this.ackedNotes } });
  }

  /** Values typed that cannot be read yet: they are on this device only. */
  get hasUnreadable(): boolean {
    return !this.payload().complete;
  }

  /**
   * Before submitting: the server must hold exactly what is on screen. Returns
   * false when it could not be saved (the status line says why).
   */
  async flushAndWait(): Promise<boolean> {
    this.clearDebounce();
    while (this.inFlight) await this.inFlight;
    if (this.isBlocked()) return false;
    const payload = this.payload();
    if (this.version > 0 && this.isAcked(payload)) return true;
    if (!this.isOnline()) {
      this.setOffline("offline");
      return false;
    }
    this.send(payload, {});
    while (this.inFlight) await this.inFlight;
    return this.state.kind === "saved";
  }

  /** The submission found the session expired: same as a save would. */
  sessionExpired(): void {
    this.setState({ kind: "expired" });
  }

  /** While the submission is on its way, nothing else is sent. */
  hold(held: boolean): void {
    this.held = held;
    if (!held && this.state.kind === "pending") this.flush();
  }

  /** Submitted: the server has everything; the device's copy goes. */
  finished(): void {
    this.held = true;
    this.clearTimers();
    this.stop();
    this.deps.store.clearAll();
  }

  /**
   * The report moved to another questionnaire version: this saver's form is
   * over. The server had every value (flushAndWait); the justifications stay
   * on this device for the next form.
   */
  retired(): void {
    this.held = true;
    this.clearTimers();
    this.stop();
    this.deps.store.clear();
  }

  // --- inside ---

  private send(payload: Payload, options: { keepalive?: boolean }): void {
    this.setState({ kind: "saving" });
    const sentVersion = this.version;
    const { values, notes } = payload;
    const formVersion = this.deps.form.version;
    this.inFlight = this.deps
      .save({ values, notes, formVersion }, sentVersion, options)
      .then(
        // Written on another questionnaire version is not this form's save either: the report moved meanwhile.
        (saved) =>
          saved.formVersion === formVersion && isOwnAnswer(this.deps.form, saved, values, notes, sentVersion)
            ? this.acknowledged(saved)
            : this.foreignAnswer(saved),
        (error: unknown) => this.failed(error),
      )
      .finally(() => {
        this.inFlight = null;
        if (this.again) {
          this.again = false;
          this.flush();
        }
      });
  }

  private acknowledged(saved: TSavedDraft): void {
    this.version = saved.version;
    this.acked = completeValues(this.deps.form, saved.values);
    this.ackedNotes = cleanNotes(this.deps.form, saved.notes);
    this.lastSavedAt = new Date(saved.savedAt);
    this.retryDelay = FIRST_RETRY_MS;
    this.failures = 0;
    this.deps.onSaved(saved);
    const payload = this.payload();
    if (this.isAcked(payload)) {
      this.settle(payload.complete);
      return;
    }
    // Typed while the save was on its way: the device's copy now builds on the new version.
    this.writeCopy();
    this.setState({ kind: "pending" });
    if (!this.again) {
      this.debounceTimer = setTimeout(() => {
        this.debounceTimer = undefined;
        this.flush();
      }, this.deps.debounceMs ?? DEBOUNCE_MS);
    }
  }

  /**
   * An answer that is not this save's own: whatever the server holds now is
   * someone else's, so the person compares, exactly as after a 409. Its
   * version is not taken: nothing goes out until they choose.
   */
  private foreignAnswer(saved: TSavedDraft): void {
    this.retryDelay = FIRST_RETRY_MS;
    this.failures = 0;
    this.again = false;
    this.clearDebounce();
    this.setState({
      kind: "conflict",
      current: {
        version: saved.version,
        status: saved.status,
        values: saved.values,
        notes: saved.notes ?? {},
        formVersion: saved.formVersion,
        updatedBy: null,
        updatedAt: saved.savedAt,
      },
      base: { ...this.acked },
      baseNotes: { ...this.ackedNotes },
    });
  }

  private async failed(error: unknown): Promise<void> {
    const failure = await classifyFailure(error, this.deps.load);
    if (failure.kind === "conflict")
      this.setState({ kind: "conflict", current: failure.current, base: { ...this.acked }, baseNotes: { ...this.ackedNotes } });
    else if (failure.kind === "network") this.setOffline(this.isOnline() ? "unreachable" : "offline");
    else this.setState(failure);
  }

  /**
   * What a save sends: every field; one that cannot be read keeps the
   * server's value meanwhile. Every note of this version's figures, a removed
   * one as ""; one too long keeps the server's text meanwhile.
   */
  private payload(): Payload {
    const { values, invalid } = parseFormText(this.deps.form, this.text);
    const merged = completeValues(this.deps.form, values);
    for (const code of invalid) merged[code] = this.acked[code] ?? null;
    const codes = notedCodes(this.deps.form);
    const notes: ReportNotes = {};
    let notesComplete = true;
    for (const code of new Set([...Object.keys(this.ackedNotes), ...Object.keys(this.notes)])) {
      if (!codes.has(code)) continue;
      const typed = this.notes[code] ?? "";
      if (noteTooLong(typed)) {
        notesComplete = false;
        notes[code] = this.ackedNotes[code] ?? "";
      } else if (typed.trim() !== "" || code in this.ackedNotes) notes[code] = typed.trim();
    }
    return { values: merged, notes, complete: invalid.length === 0 && notesComplete };
  }

  private isAcked(payload: Payload): boolean {
    return sameValues(this.deps.form, payload.values, this.acked) && sameNotes(payload.notes, this.ackedNotes);
  }

  /** The device's copy: the notes written, and the removal of one the server has (an empty one elsewhere says nothing). */
  private writeCopy(): void {
    const notes = Object.fromEntries(Object.entries(this.notes).filter(([code, text]) => text !== "" || code in this.ackedNotes));
    this.deps.store.write({ baseVersion: this.version, formVersion: this.deps.form.version, text: this.text, notes });
  }

  /** The server holds what can be read of the screen. */
  private settle(complete: boolean): void {
    if (complete) this.deps.store.clear();
    else this.writeCopy();
    this.setState(this.settledState(complete));
  }

  private settledState(complete: boolean): SaveState {
    if (!complete) return { kind: "invalid" };
    return this.version === 0 ? { kind: "unsaved" } : { kind: "saved", at: this.lastSavedAt };
  }

  private isBlocked(): boolean {
    return this.held || this.state.kind === "conflict" || this.state.kind === "expired";
  }

  /** The save could not leave (or reach the server): it is retried, later and later. */
  private setOffline(reason: "offline" | "unreachable"): void {
    if (reason === "unreachable") this.failures += 1;
    this.setState({ kind: "offline", reason, attempts: this.failures });
    this.scheduleRetry();
  }

  private scheduleRetry(): void {
    if (this.retryTimer !== undefined || !this.started) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.flush();
    }, this.retryDelay);
    this.retryDelay = Math.min(this.retryDelay * 2, MAX_RETRY_MS);
  }

  private clearDebounce(): void {
    if (this.debounceTimer !== undefined) clearTimeout(this.debounceTimer);
    this.debounceTimer = undefined;
  }

  private clearTimers(): void {
    this.clearDebounce();
    if (this.retryTimer !== undefined) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }

  private setState(state: SaveState): void {
    this.state = state;
    for (const listener of this.listeners) listener();
  }

  private readonly onOnline = () => {
    this.retryDelay = FIRST_RETRY_MS;
    if (this.retryTimer !== undefined) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    if (this.state.kind === "offline") this.setState({ kind: "pending" });
    this.flush();
  };

  private readonly onOffline = () => {
    if (!this.isBlocked() && this.state.kind !== "error") this.setState({ kind: "offline", reason: "offline", attempts: this.failures });
  };

  /**
   * The page goes away with typing not yet sent: one last try that outlives it.
   * After a failure (offline, error) there is no last try: the copy on this
   * device is sent when the page is opened again.
   */
  private readonly onPageHide = () => {
    if (this.debounceTimer !== undefined) this.flush({ keepalive: true });
  };

  private readonly onVisibilityChange = () => {
    if (document.visibilityState === "hidden") this.onPageHide();
  };
}

/** Did the server answer with what this save wrote: the next version (or the same, nothing having changed), these values and notes? */
export function isOwnAnswer(
  form: FormDefinition,
  saved: TSavedDraft,
  sent: ReportValues,
  sentNotes: ReportNotes,
  sentVersion: number,
): boolean {
  const expectedVersion = saved.version === sentVersion + 1 || (sentVersion > 0 && saved.version === sentVersion);
  return expectedVersion && sameValues(form, saved.values, sent) && sameNotes(saved.notes ?? {}, sentNotes);
}
