/**
 * The changes of the referential over time (domain page, section 7.3), each
 * applied inside a transaction it is given: the routes run one in its own
 * transaction, the import runs every line of a file in one (each line in a
 * savepoint). A change judges itself with the domain's rules, writes, audits
 * (audit_events, same transaction) and says what it did in French; a refused
 * change throws an AppError and writes nothing.
 */
import type {
  TAtelierAttributesBody,
  TCloseAtelierBody,
  TCreateTerritoryBody,
  TMoveAtelierBody,
  TOpenAtelierBody,
  TReferentialImportResult,
  TRenameAtelierBody,
} from "@enquete/contract";
import {
  type AtelierSpan,
  applyDatedValue,
  checkAttribute,
  checkClosure,
  checkClosureCancel,
  checkMove,
  checkOpening,
  type DatedValue,
  LABEL_STATUS_LABELS,
  type LabelStatus,
  monthOf,
  monthStart,
  parsePeriod,
  periodLabel,
  type ReferentialProblem,
  valueIn,
} from "@enquete/domain";
import { AppError, notFound, validationFailed } from "../../errors.ts";
import * as repo from "./admin-repository.ts";

export type Change = Omit<TReferentialImportResult["changes"][number], "line">;
type Source = { source?: "import" };

const refused = (problem: ReferentialProblem) => new AppError(problem.code, 409, problem.message);
const unknownAtelier = (code: string) => notFound(`L'atelier ${code} n'existe pas.`);
const unknownTerritory = (code: string, field = "territoryCode") =>
  validationFailed([{ field, message: `La direction territoriale « ${code} » n'existe pas : créez-la d'abord.` }]);

/** The contract checks the month's shape; the years the platform knows (2000–2100) are checked here. */
function assertMonth(field: string, period: string) {
  if (!parsePeriod(period)) {
    throw validationFailed([{ field, message: `Mois ${period} hors des années de l'enquête : attendu AAAA-MM entre 2000 et 2100.` }]);
  }
}

const spanOf = (a: repo.AtelierRecord): AtelierSpan => ({
  openFrom: monthOf(a.openedOn),
  closedFrom: a.closedOn ? monthOf(a.closedOn) : null,
});

async function lockedAtelier(tx: repo.Tx, code: string): Promise<repo.AtelierRecord> {
  const atelier = await repo.lockAtelier(tx, code);
  if (!atelier) throw unknownAtelier(code);
  return atelier;
}

async function write(tx: repo.Tx, actor: repo.Actor, opts: Source, change: Change, action: string, before: unknown, after: unknown) {
  const subject = change.kind.startsWith("territory.") ? `territory:${change.subject}` : `atelier:${change.subject}`;
  await repo.audit(tx, actor, [
    { action, subject, details: { before, after, description: change.description, ...(opts.source ? { source: opts.source } : {}) } },
  ]);
  return change;
}

// ---------------------------------------------------------------- territories

export async function createTerritory(tx: repo.Tx, actor: repo.Actor, body: TCreateTerritoryBody, opts: Source = {}): Promise<Change> {
  await repo.lockTerritories(tx);
  const existing = await repo.findTerritory(tx, body.code);
  if (existing) {
    throw new AppError("TERRITORY_EXISTS", 409, `Le code « ${body.code} » est déjà celui de la direction territoriale ${existing.name}.`);
  }
  const homonym = await repo.territoryNamed(tx, body.name);
  if (homonym) {
    throw new AppError(
      "TERRITORY_NAME_TAKEN",
      409,
      `Une direction territoriale s'appelle déjà « ${homonym.name} » (code ${homonym.code}).`,
    );
  }
  await repo.insertTerritory(tx, body.code, body.name);
  const change: Change = {
    kind: "territory.created",
    subject: body.code,
    description: `Direction territoriale ${body.name} créée (code ${body.code}).`,
  };
  return await write(tx, actor, opts, change, "territory.created", null, body);
}

export async function renameTerritory(
  tx: repo.Tx,
  actor: repo.Actor,
  code: string,
  name: string,
  opts: Source = {},
): Promise<Change | null> {
  await repo.lockTerritories(tx);
  const existing = await repo.findTerritory(tx, code);
  if (!existing) throw notFound(`La direction territoriale « ${code} » n'existe pas.`);
  if (existing.name === name) return null;
  const homonym = await repo.territoryNamed(tx, name);
  if (homonym && homonym.code !== code) {
    throw new AppError(
      "TERRITORY_NAME_TAKEN",
      409,
      `Une direction territoriale s'appelle déjà « ${homonym.name} » (code ${homonym.code}).`,
    );
  }
  await repo.renameTerritory(tx, code, name);
  const change: Change = {
    kind: "territory.renamed",
    subject: code,
    description: `Direction territoriale ${existing.name} renommée ${name}.`,
  };
  return await write(tx, actor, opts, change, "territory.renamed", { name: existing.name }, { name });
}

// ---------------------------------------------------------------- ateliers

export async function openAtelier(tx: repo.Tx, actor: repo.Actor, body: TOpenAtelierBody, opts: Source = {}): Promise<Change[]> {
  assertMonth("openFrom", body.openFrom);
  const existing = await repo.lockAtelier(tx, body.code);
  if (existing) {
    const state = existing.closedOn ? `fermé depuis ${periodLabel(monthOf(existing.closedOn))}` : "ouvert";
    throw new AppError(
      "ATELIER_EXISTS",
      409,
      `Le code ${body.code} est déjà celui de l'atelier « ${existing.name} » (${state}). Un code ne sert qu'une fois : donnez au nouvel atelier un code avec un suffixe (par exemple ${body.code.split("-")[0]}-B).`,
    );
  }
  const territory = await repo.findTerritory(tx, body.territoryCode);
  if (!territory) throw unknownTerritory(body.territoryCode);
  const departement = body.departement ?? (await repo.departementOfBase(tx, body.code.split("-")[0] ?? body.code));
  if (!departement) {
    throw validationFailed([
      { field: "departement", message: `Aucun atelier n'existe dans le département ${body.code} : indiquez le nom du département.` },
    ]);
  }
  const problem = checkOpening({ openFrom: body.openFrom, closedYears: await repo.closedYearList(tx) });
  if (problem) throw refused(problem);

  const day = monthStart(body.openFrom);
  const record = { code: body.code, name: body.name, city: body.city, departement, openedOn: day, closedOn: null };
  await repo.insertAtelier(tx, record);
  await repo.replaceMemberships(tx, body.code, [{ territoryCode: body.territoryCode, validFrom: day, validTo: null }]);
  if (body.labellisation) await repo.replaceLabels(tx, body.code, [{ from: body.openFrom, value: body.labellisation }]);
  if (body.lab) await repo.replaceFlags(tx, body.code, "lab", [{ from: body.openFrom, value: true }]);
  if (body.espe) await repo.replaceFlags(tx, body.code, "espe", [{ from: body.openFrom, value: true }]);
  const attributes = [
    body.labellisation ? LABEL_STATUS_LABELS[body.labellisation].toLowerCase() : null,
    body.lab ? "laboratoire des usages" : null,
    body.espe ? "implanté dans une ESPE/INSPÉ" : null,
  ].filter(Boolean);
  const change: Change = {
    kind: "atelier.opened",
    subject: body.code,
    description: `Atelier ${body.code} « ${body.name} » (${body.city}) ouvert à partir de ${periodLabel(body.openFrom)}, rattaché à la direction territoriale ${territory.name}${attributes.length ? ` ; ${attributes.join(", ")}` : ""}.`,
  };
  return [await write(tx, actor, opts, change, "atelier.opened", null, { ...body, departement, openedOn: record.openedOn })];
}

export async function renameAtelier(
  tx: repo.Tx,
  actor: repo.Actor,
  code: string,
  body: TRenameAtelierBody,
  opts: Source = {},
): Promise<Change | null> {
  const atelier = await lockedAtelier(tx, code);
  const name = body.name ?? atelier.name;
  const city = body.city ?? atelier.city;
  if (name === atelier.name && city === atelier.city) return null;
  await repo.updateAtelier(tx, code, { name, city });
  const parts = [
    name !== atelier.name ? `renommé « ${name} » (auparavant « ${atelier.name} »)` : null,
    city !== atelier.city ? `ville : ${city} (auparavant ${atelier.city})` : null,
  ].filter(Boolean);
  const change: Change = { kind: "atelier.renamed", subject: code, description: `Atelier ${code} ${parts.join(" ; ")}.` };
  return await write(tx, actor, opts, change, "atelier.renamed", { name: atelier.name, city: atelier.city }, { name, city });
}

export async function moveAtelier(
  tx: repo.Tx,
  actor: repo.Actor,
  code: string,
  body: TMoveAtelierBody,
  opts: Source = {},
): Promise<{ change: Change; movedReports: number }> {
  assertMonth("from", body.from);
  const atelier = await lockedAtelier(tx, code);
  const territory = await repo.findTerritory(tx, body.territoryCode);
  if (!territory) throw unknownTerritory(body.territoryCode);
  const memberships = await repo.membershipsOf(tx, code);
  const verdict = checkMove({
    memberships,
    territoryCode: body.territoryCode,
    territoryName: territory.name,
    from: body.from,
    span: spanOf(atelier),
    closedYears: await repo.closedYearList(tx),
  });
  if ("problem" in verdict) throw refused(verdict.problem);

  const names = await repo.allTerritories(tx);
  const previousName = verdict.previous ? (names.get(verdict.previous) ?? verdict.previous) : null;
  const until = verdict.until === null ? null : monthOf(verdict.until);
  await repo.replaceMemberships(tx, code, verdict.memberships);
  const moved = (await repo.reportsBetween(tx, code, body.from, until)).filter((r) => r.territoryCode !== body.territoryCode);
  const since = `à partir de ${periodLabel(body.from)}${until ? ` jusqu'à ${periodLabel(monthOf(previousDay(verdict.until as string)))}` : ""}`;
  const comment = `Rattaché à la direction territoriale ${territory.name} ${since}${previousName ? ` (auparavant : ${previousName})` : ""}.`;
  await repo.moveReports(tx, moved, body.territoryCode, actor, comment);

  const reportsText =
    moved.length === 0 ? "aucun rapport à rattacher" : moved.length === 1 ? "1 rapport suit" : `${moved.length} rapports suivent`;
  const change: Change = {
    kind: "atelier.moved",
    subject: code,
    description: `Atelier ${code} rattaché à la direction territoriale ${territory.name} ${since}${previousName ? ` (auparavant : ${previousName})` : ""} ; ${reportsText}.`,
  };
  await write(
    tx,
    actor,
    opts,
    change,
    "atelier.moved",
    { territoryCode: verdict.previous, memberships },
    { territoryCode: body.territoryCode, from: body.from, until, memberships: verdict.memberships, movedReports: moved.length },
  );
  return { change, movedReports: moved.length };
}

/** The day before a first day: the last day of the month before. */
function previousDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

export async function closeAtelier(
  tx: repo.Tx,
  actor: repo.Actor,
  code: string,
  body: TCloseAtelierBody,
  opts: Source = {},
): Promise<Change> {
  assertMonth("from", body.from);
  const atelier = await lockedAtelier(tx, code);
  const problem = checkClosure({
    from: body.from,
    span: spanOf(atelier),
    closedYears: await repo.closedYearList(tx),
    reports: await repo.reportsBetween(tx, code, body.from, null),
  });
  if (problem) throw refused(problem);
  await repo.updateAtelier(tx, code, { closedOn: monthStart(body.from) });
  const change: Change = {
    kind: "atelier.closed",
    subject: code,
    description: `Atelier ${code} fermé à partir de ${periodLabel(body.from)} : plus aucun rapport attendu à partir de ce mois.`,
  };
  return await write(tx, actor, opts, change, "atelier.closed", { closedFrom: null }, { closedFrom: body.from });
}

export async function cancelClosure(tx: repo.Tx, actor: repo.Actor, code: string): Promise<Change> {
  const atelier = await lockedAtelier(tx, code);
  const span = spanOf(atelier);
  const problem = checkClosureCancel({ span, closedYears: await repo.closedYearList(tx) });
  if (problem) throw refused(problem);
  await repo.updateAtelier(tx, code, { closedOn: null });
  const change: Change = {
    kind: "atelier.closed",
    subject: code,
    description: `Fermeture de l'atelier ${code} à partir de ${periodLabel(span.closedFrom as string)} annulée : l'atelier est de nouveau ouvert.`,
  };
  return await write(tx, actor, {}, change, "atelier.closure_cancelled", { closedFrom: span.closedFrom }, { closedFrom: null });
}

const yesNo = (v: boolean) => (v ? "oui" : "non");

interface AttributePlan<T> {
  key: "labellisation" | "lab" | "espe";
  what: string;
  noun: string;
  label: (v: T) => string;
  before: T;
  value: T;
  result: { rows: DatedValue<T>[]; until: string | null; changed: boolean };
  write: () => Promise<void>;
}

export async function setAttributes(
  tx: repo.Tx,
  actor: repo.Actor,
  code: string,
  body: TAtelierAttributesBody,
  opts: Source = {},
): Promise<Change | null> {
  assertMonth("from", body.from);
  const atelier = await lockedAtelier(tx, code);
  const span = spanOf(atelier);
  const closedYears = await repo.closedYearList(tx);
  const plans: AttributePlan<LabelStatus | boolean | null>[] = [];
  if (body.labellisation !== undefined) {
    const rows = (await repo.labelsOf(tx, code)) as DatedValue<LabelStatus | null>[];
    const result = applyDatedValue<LabelStatus | null>(rows, body.from, body.labellisation, null);
    const before = valueIn(rows, body.from, null);
    plans.push({
      key: "labellisation",
      what: "La labellisation",
      noun: "labellisation",
      label: (v) => (v ? LABEL_STATUS_LABELS[v as LabelStatus].toLowerCase() : "non renseignée"),
      before,
      value: body.labellisation,
      result,
      write: () => repo.replaceLabels(tx, code, result.rows as DatedValue<LabelStatus>[]),
    });
  }
  for (const [flag, value, what, noun] of [
    ["lab", body.lab, "Le laboratoire des usages", "laboratoire des usages"],
    ["espe", body.espe, "L'implantation dans une ESPE/INSPÉ", "implantation dans une ESPE/INSPÉ"],
  ] as const) {
    if (value === undefined) continue;
    const rows = await repo.flagsOf(tx, code, flag);
    const result = applyDatedValue(rows, body.from, value, false);
    plans.push({
      key: flag,
      what,
      noun,
      label: (v) => yesNo(v as boolean),
      before: valueIn(rows, body.from, false),
      value,
      result,
      write: () => repo.replaceFlags(tx, code, flag, result.rows),
    });
  }
  for (const plan of plans) {
    const problem = checkAttribute({ what: plan.what, from: body.from, until: plan.result.until, span, closedYears });
    if (problem) throw refused(problem);
  }
  const changed = plans.filter((p) => p.result.changed);
  if (changed.length === 0) return null;
  for (const plan of changed) await plan.write();
  const parts = changed.map((p) => `${p.noun} : ${p.label(p.value)} (auparavant ${p.label(p.before)})`);
  const change: Change = {
    kind: "atelier.attributes",
    subject: code,
    description: `Atelier ${code}, à partir de ${periodLabel(body.from)} : ${parts.join(" ; ")}.`,
  };
  return await write(
    tx,
    actor,
    opts,
    change,
    "atelier.attributes",
    { from: body.from, ...Object.fromEntries(changed.map((p) => [p.key, p.before])) },
    { from: body.from, ...Object.fromEntries(changed.map((p) => [p.key, p.value])) },
  );
}
