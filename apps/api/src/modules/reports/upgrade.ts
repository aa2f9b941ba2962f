/**
 * Moving a report to the questionnaire version in force for its month
 * (domain page, section 3): a draft (or a returned report) started on
 * version 1 of a month that version 2 now covers. The director confirms it;
 * the values of the codes the new version has are kept, those it retired are dropped, and so are
 * the justifications of rules it no longer has. One transaction with its
 * "upgrade" event, which lists what was dropped and names it in its comment.
 */
import type { TReportState } from "@enquete/contract";
import {
  type FormDefinition,
  formFields,
  isEditable,
  periodLabel,
  type ReportValues,
  STATUS_LABELS,
  upgradeNotes,
  upgradeValues,
} from "@enquete/domain";
import type { Db } from "../../db/client.ts";
import { AppError } from "../../errors.ts";
import type { Caller } from "../auth/service.ts";
import * as repo from "./repository.ts";
import {
  assertAtelierOpen,
  assertDirects,
  assertPeriodOpen,
  assertYearOpen,
  conflict,
  openingOf,
  parseIfMatch,
  type ReportSettings,
  stateAfter,
} from "./service.ts";
import { formOf } from "./state.ts";

/** A dropped value as the comment shows it: a figure written in French, a text quoted and cut short. */
function shown(value: number | string): string {
  if (typeof value === "number") return value.toLocaleString("fr-FR");
  return `« ${value.length > 60 ? `${value.slice(0, 59)}…` : value} »`;
}

/**
 * The upgrade event's comment: the move, then what it did not keep, named by
 * the old version's labels (the report's new form no longer has those fields,
 * so the history alone could only show their codes).
 */
export function upgradeComment(
  from: FormDefinition,
  to: FormDefinition,
  lost: { values: { label: string; value: number | string }[]; notes: { label: string }[] },
): string {
  const move = `Passage de la version ${from.version} à la version ${to.version} du questionnaire`;
  const items = [...lost.values.map((v) => `${v.label} (${shown(v.value)})`), ...lost.notes.map((n) => `note sur « ${n.label} »`)];
  return items.length === 0 ? move : `${move} ; non repris : ${items.join(", ")}.`;
}

/**
 * What a report keeps of itself under the new version (the domain's move by
 * code), the history's list of what it drops: values, then notes
 * (`note:<code>`), each from its text to nothing, and the event's comment.
 */
export function carryOver(from: FormDefinition, to: FormDefinition, report: { values: ReportValues; notes: Record<string, string> }) {
  const moved = upgradeValues(report.values, from, to);
  const { notes, retired } = upgradeNotes(report.notes, from, to);
  const kept = new Set(Object.keys(moved.values));
  const labels = new Map(formFields(from).map((f) => [f.code, f.label]));
  const dropped = Object.entries(report.values).filter(([code]) => !kept.has(code));
  const lost = dropped.flatMap(([code, value]) =>
    value === null || value === undefined || value === "" ? [] : [{ label: labels.get(code) ?? code, value }],
  );
  return {
    values: moved.values,
    notes,
    changes: [
      ...dropped.map(([field, value]) => ({ field, from: value ?? null, to: null })),
      ...retired.map((r) => ({ field: `note:${r.code}`, from: r.note, to: null })),
    ],
    comment: upgradeComment(from, to, { values: lost, notes: retired }),
  };
}

/**
 * A justification answers a warning of a rule (its code, or `rule:field` for
 * an outlier): kept only while the new version has that rule and that field.
 */
export function justificationsFor(target: FormDefinition, justifications: Record<string, string>): Record<string, string> {
  const rules = new Set(target.rules.map((r) => r.code));
  const fields = new Set(formFields(target).map((f) => f.code));
  return Object.fromEntries(
    Object.entries(justifications).filter(([key]) => {
      const [rule = "", field] = key.split(":");
      return rules.has(rule) && (field === undefined || fields.has(field));
    }),
  );
}

export async function upgradeReport(
  db: Db,
  caller: Caller,
  atelierCode: string,
  period: string,
  input: { formVersion: number; ifMatch: string | undefined },
  settings: ReportSettings,
): Promise<TReportState> {
  assertDirects(caller, atelierCode);
  assertPeriodOpen(period);
  const expected = parseIfMatch(input.ifMatch);
  return await db.transaction(async (tx) => {
    const opening = await openingOf(tx, atelierCode);
    assertAtelierOpen(period, opening);
    const report = await repo.findReport(tx, atelierCode, period, true);
    const target = settings.forms.forPeriod(period);
    if (!report)
      throw new AppError(
        "NOT_FOUND",
        404,
        `Ce rapport n'existe pas encore : il sera créé avec la version ${target.version} du questionnaire, celle de ${periodLabel(period)}, à son premier enregistrement.`,
      );
    await assertYearOpen(tx, report, period, settings.closedYears);
    if (expected === null)
      throw new AppError(
        "PRECONDITION_REQUIRED",
        428,
        'Envoyez la version du rapport dans l\'en-tête If-Match (par exemple "3") : le passage à une autre version du questionnaire part de ce que vous avez lu.',
      );
    if (expected !== report.version) throw await conflict(tx, report);
    if (!isEditable(report.status))
      throw new AppError(
        "NOT_EDITABLE",
        409,
        `Ce rapport est ${STATUS_LABELS[report.status].toLowerCase()} : seul un brouillon ou un rapport renvoyé peut passer à une autre version du questionnaire.`,
      );
    const form = formOf(settings.forms, report, period);
    if (input.formVersion !== target.version || target.version <= form.version) {
      const message =
        target.version <= form.version
          ? `Ce rapport utilise déjà la version ${form.version} du questionnaire, celle de ${periodLabel(period)} : il n'y a pas de version plus récente pour ce mois.`
          : `La version ${input.formVersion} du questionnaire ne s'applique pas à ${periodLabel(period)} : ce rapport peut passer à la version ${target.version}, celle de ce mois.`;
      throw new AppError("FORM_VERSION_NOT_IN_FORCE", 422, message, [{ field: "formVersion", message }]);
    }
    const { values, notes, changes, comment } = carryOver(form, target, report);
    const updated = await repo.updateReport(
      tx,
      report.id,
      {
        formVersion: target.version,
        values,
        notes,
        justifications: justificationsFor(target, report.justifications),
        version: report.version + 1,
      },
      {
        actorId: caller.userId,
        actorLabel: caller.displayName,
        action: "upgrade",
        fromStatus: report.status,
        toStatus: report.status,
        version: report.version + 1,
        changes,
        comment,
      },
    );
    const lastReturn = updated.status === "returned" ? await repo.lastSendBack(tx, report.id) : null;
    return await stateAfter(tx, caller, updated, { action: "upgrade", comment, lastReturn }, settings, undefined, opening);
  });
}
