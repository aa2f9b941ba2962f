/**
 * Saving a draft: the hottest path of the platform (every director's form
 * autosaves every few seconds). One statement reads everything the save
 * needs, one statement writes the report, its next version and its event
 * (only if the version is still the one the request named), and the answer
 * is built from what that statement returned: that request's version and
 * values, never another writer's. Nothing after the write can fail.
 */
import type { TSavedDraft } from "@enquete/contract";
import {
  draftValuesSchema,
  type FormDefinition,
  formFields,
  NOTE_MAX,
  nextStatus,
  numericFields,
  type ReportValues,
} from "@enquete/domain";
import type { Db } from "../../db/client.ts";
import { AppError, notFound } from "../../errors.ts";
import type { Caller } from "../auth/service.ts";
import * as repo from "./repository.ts";
import {
  assertAtelierOpen,
  assertDirects,
  assertPeriodOpen,
  assertYearOpen,
  type ConflictError,
  conflict,
  parseIfMatch,
  type ReportSettings,
} from "./service.ts";
import { formOf, outlierMonths, own, warningsOf } from "./state.ts";

type Notes = Record<string, string>;

function diff(before: ReportValues, after: ReportValues, prefix = "") {
  const codes = new Set([...Object.keys(before), ...Object.keys(after)]);
  // Own entries only: a code absent on one side is null there, never a member of Object.prototype.
  const at = (map: ReportValues, c: string) => own(map, c) ?? null;
  return [...codes]
    .filter((c) => at(before, c) !== at(after, c))
    .map((c) => ({ field: `${prefix}${c}`, from: at(before, c), to: at(after, c) }));
}

/** The history names a note by its field: `note:<code>`, beside the value's own change. */
export const notesDiff = (before: Notes, after: Notes) => diff(before, after, "note:");

/**
 * The notes a save wrote, as remarks of its event: the field's code and its
 * label in the report's version (what the director saw), the text as saved
 * ("" for a note removed).
 */
export function noteRemarks(form: FormDefinition, changes: ReturnType<typeof notesDiff>): repo.Remark[] {
  const labels = new Map(formFields(form).map((f) => [f.code, f.label]));
  return changes.map((c) => {
    const field = c.field.slice("note:".length);
    const label = labels.get(field);
    return { kind: "note", field, ...(label === undefined ? {} : { label }), text: typeof c.to === "string" ? c.to : "" };
  });
}

/** Keeps entered values only: null means "not entered", stored as absent. */
function compact(values: ReportValues): ReportValues {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== null && v !== undefined && v !== ""));
}

/** The values' refusals, field by field: types, signs, codes of another version. */
function valueErrors(form: FormDefinition, values: ReportValues) {
  const parsed = draftValuesSchema(form).safeParse(values);
  if (parsed.success) return [];
  return parsed.error.issues.flatMap((i) => {
    const keys = (i as { keys?: string[] }).keys;
    if (keys?.length) return keys.map((k) => ({ field: k, message: i.message }));
    return [{ field: String(i.path[0] ?? "values"), message: i.message }];
  });
}

/**
 * The notes a save sends, as stored: the whole map (an empty note is a note
 * removed), each on a numeric field of the report's version (a note is about
 * a figure, and the form shows it only beside one) and short. Trimmed here
 * too: the service is not only reached through the route's schema.
 */
function notesToStore(form: FormDefinition, notes: Notes) {
  const codes = new Set(formFields(form).map((f) => f.code));
  const figures = new Set(numericFields(form).map((f) => f.code));
  const errors: { field: string; message: string }[] = [];
  const kept: Notes = {};
  for (const [code, raw] of Object.entries(notes)) {
    const text = raw.trim();
    if (!codes.has(code)) errors.push({ field: `notes.${code}`, message: `Champ inconnu du questionnaire (version ${form.version}).` });
    else if (!figures.has(code))
      errors.push({ field: `notes.${code}`, message: "Une note accompagne un chiffre : ce champ n'en prend pas." });
    else if (text.length > NOTE_MAX) errors.push({ field: `notes.${code}`, message: `${NOTE_MAX} caractères au plus pour une note.` });
    else if (text !== "") kept[code] = text;
  }
  return { kept, errors };
}

/** 409: the save's values were typed on version `sent` of the questionnaire, the report is written with `current`. */
function formVersionChanged(current: number, sent: number) {
  const message =
    current > sent
      ? `Le questionnaire de ce mois est passé à la version ${current} : rechargez la page, vos saisies seront reprises.`
      : `Ce rapport se remplit avec la version ${current} du questionnaire, non la version ${sent} : rechargez la page, vos saisies seront reprises.`;
  return new AppError("FORM_VERSION_CHANGED", 409, message);
}

/** The save's write found the report moved on (or created) by someone else: their version, to compare with. */
async function conflictNow(db: Db, atelierCode: string, period: string): Promise<ConflictError | AppError> {
  const current = await repo.findReport(db, atelierCode, period);
  if (!current) return notFound("Ce rapport n'existe pas.");
  return await conflict(db, current);
}

export async function saveDraft(
  db: Db,
  caller: Caller,
  atelierCode: string,
  period: string,
  input: { values: ReportValues; notes?: Notes | undefined; formVersion?: number | undefined; ifMatch: string | undefined },
  settings: ReportSettings,
): Promise<TSavedDraft> {
  assertDirects(caller, atelierCode);
  assertPeriodOpen(period);
  const context = await repo.saveContext(db, atelierCode, period, outlierMonths(settings.forms));
  if (context === undefined) throw notFound("Cet atelier n'existe pas.");
  const { territoryCode, report, past } = context;
  assertAtelierOpen(period, context);
  if (territoryCode === null)
    throw new AppError("NO_TERRITORY", 422, "Cet atelier n'était rattaché à aucune direction territoriale ce mois-là.");
  const expected = parseIfMatch(input.ifMatch);
  await assertYearOpen(db, report, period, settings.closedYears);
  // The report's own version (a new one: the month's), never a later one: its fields are the only codes accepted.
  const form = formOf(settings.forms, report, period);
  // Values typed on another version's form (a page read before a publication, or before a move in another
  // tab) are not written under this one: the page reloads, rather than autosaving into 422s it cannot show.
  if (input.formVersion !== undefined && input.formVersion !== form.version) throw formVersionChanged(form.version, input.formVersion);
  // Absent: the notes stay as they are.
  const sent = input.notes === undefined ? null : notesToStore(form, input.notes);
  const refused = [...valueErrors(form, input.values), ...(sent?.errors ?? [])];
  if (refused.length > 0)
    throw new AppError("VALIDATION_FAILED", 422, "Certaines valeurs sont invalides : corrigez les champs signalés.", refused);
  const values = compact(input.values);
  const notes = sent ? sent.kept : (report?.notes ?? {});
  // Everything the answer needs but the row is computed before the write: once it is done, nothing can fail.
  const answer = (row: repo.DraftRow, warnings: TSavedDraft["warnings"]): TSavedDraft => ({
    atelierCode,
    period,
    status: row.status,
    version: row.version,
    formVersion: row.formVersion,
    values: row.values,
    notes: row.notes,
    warnings,
    savedAt: row.updatedAt.toISOString(),
    editable: true,
  });
  const event = { actorId: caller.userId, actorLabel: caller.displayName };

  if (!report) {
    if (expected !== null && expected !== 0)
      throw new AppError("NOT_FOUND", 404, "Ce rapport n'existe pas encore : enregistrez-le sans version.");
    const warnings = warningsOf(form, values, past);
    const created = await repo.createDraft(
      db,
      { atelierCode, period, territoryCode, formVersion: form.version, values, notes },
      { ...event, changes: [...diff({}, values), ...notesDiff({}, notes)], remarks: noteRemarks(form, notesDiff({}, notes)) },
    );
    // Someone else created it at the same moment: their version wins until this person chooses.
    if (!created) throw await conflictNow(db, atelierCode, period);
    return answer(created, warnings);
  }
  if (expected === null) {
    throw new AppError(
      "PRECONDITION_REQUIRED",
      428,
      'Ce rapport existe déjà : envoyez sa version dans l\'en-tête If-Match (par exemple "3").',
    );
  }
  if (expected !== report.version) throw await conflict(db, report);
  const next = nextStatus(report.status, "save");
  if ("error" in next) throw new AppError("NOT_EDITABLE", 409, next.error);
  // A save that changes only notes is a save: a new version, an event.
  const noteChanges = notesDiff(report.notes, notes);
  const changes = [...diff(report.values, values), ...noteChanges];
  // Nothing changed: the version it named, and the values stored at that version.
  if (changes.length === 0) return answer(report, warningsOf(form, report.values, past));
  const warnings = warningsOf(form, values, past);
  const updated = await repo.updateDraft(
    db,
    report.id,
    expected,
    { values, notes, fromStatus: report.status, toStatus: next.to },
    { ...event, changes, remarks: noteRemarks(form, noteChanges) },
  );
  // Another save (or a submission) got there between the read and the write: nothing was written.
  if (!updated) throw await conflictNow(db, atelierCode, period);
  return answer(updated, warnings);
}
