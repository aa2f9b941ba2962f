import type { ConflictSide } from "../conflict/conflictSide.ts";

/**
 * What the move to a newer questionnaire version needs from the form on
 * screen: its autosave holds what was typed, and must hand it to the server
 * before the move, then stay quiet while the move is on its way.
 */
export type UpgradeHandle = {
  /** Saves what is typed; the report's version to name in If-Match, or why the move cannot go yet (in French). */
  prepare: () => Promise<{ ok: true; version: number } | { ok: false; message: string }>;
  /** The move failed: the autosave goes on. */
  release: () => void;
  /** The report changed meanwhile: the comparison opens, as after a save. */
  conflict: (current: ConflictSide) => void;
  expired: () => void;
  /** The move is done: this form (of the old version) is over. */
  done: () => void;
};
