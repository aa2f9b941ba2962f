/**
 * The questionnaire's versions (domain page, sections 3 and 7.4): drafts
 * prepared by the national team as changes to a published version, then
 * published from a month. Version 1 is built in; a draft's questionnaire is
 * always recomputed from its base and its changes, so what the screen shows
 * is what publication would write.
 */
import type { TForm, TFormVersionDetail, TFormVersionSummary } from "@enquete/contract";
import {
  applyChanges,
  describeChanges,
  FORM_V1,
  type FormCatalogue,
  type FormChange,
  type FormDefinition,
  formatPeriod,
  formFields,
  hasRole,
  type PublicationRefusal,
  periodLabel,
  periodOfDate,
  publicationRefusal,
  usedCodes,
} from "@enquete/domain";
import { AppError, notFound } from "../../errors.ts";
import { type AuditActor, recordAudit } from "../audit/record.ts";
import type { Caller } from "../auth/service.ts";
import type { DbOrTx } from "../reports/repository.ts";
import { formCatalogue, type NationalSettings } from "../settings/service.ts";
import * as repo from "./repository.ts";

/** Who writes a version: a signed-in national user, or the system (the demo seed: id null). */
export type FormActor = AuditActor;

/** Version 1 has no row: it is shown as written when the platform began. */
const BUILT_IN_AT = "2016-01-01T00:00:00.000Z";

const toForm = (form: FormDefinition): TForm => ({
  version: form.version,
  validFrom: form.validFrom,
  sections: form.sections,
  rules: form.rules,
});

const stored = (form: FormDefinition): repo.StoredDefinition => ({ sections: form.sections, rules: form.rules });

const publishedForm = (r: repo.VersionRow & { validFrom: string }): FormDefinition => ({
  ...r.definition,
  version: r.version,
  validFrom: r.validFrom,
});

/** The published versions among the rows, as the national settings build them. */
const publishedOf = (rows: readonly repo.VersionRow[]): FormCatalogue =>
  formCatalogue(rows.filter((r): r is repo.VersionRow & { validFrom: string } => r.validFrom !== null).map(publishedForm));

/** The changes in French, as the journal keeps them (each described on the questionnaire just before it). */
const described = (base: FormDefinition, changes: readonly FormChange[], version: number, catalogue: FormCatalogue) =>
  describeChanges(base, changes, { version, known: catalogue.versions });

// ---------------------------------------------------------------- reading

/** GET /api/form: the version in force for a month (the current Paris month without one). */
export function formForPeriod(settings: NationalSettings, period: string | undefined, today: string): TForm {
  return toForm(settings.forms.forPeriod(period ?? formatPeriod(periodOfDate(today))));
}

interface Version {
  summary: TFormVersionSummary;
  form: FormDefinition;
  changes: FormChange[];
}

/** Every version, built-in first, then the rows by number; a draft's questionnaire recomputed from its base. */
function versionsOf(rows: readonly repo.VersionRow[]): { versions: Version[]; catalogue: FormCatalogue } {
  const catalogue = publishedOf(rows);
  const builtIn: Version = {
    form: FORM_V1,
    changes: [],
    summary: {
      version: FORM_V1.version,
      status: "published",
      basedOn: null,
      validFrom: FORM_V1.validFrom,
      validTo: catalogue.validTo(FORM_V1.version),
      fields: formFields(FORM_V1).length,
      changes: 0,
      createdAt: BUILT_IN_AT,
      createdBy: null,
      updatedAt: BUILT_IN_AT,
      publishedAt: BUILT_IN_AT,
      publishedBy: null,
    },
  };
  const fromRows = rows
    .filter((r) => r.version !== FORM_V1.version)
    .map((r): Version => {
      const form = r.validFrom === null ? draftForm(r, catalogue) : publishedForm({ ...r, validFrom: r.validFrom });
      return {
        form,
        changes: r.changes,
        summary: {
          version: r.version,
          status: r.validFrom === null ? "draft" : "published",
          basedOn: r.basedOn,
          validFrom: r.validFrom,
          validTo: r.validFrom === null ? null : catalogue.validTo(r.version),
          fields: formFields(form).length,
          changes: r.changes.length,
          createdAt: r.createdAt.toISOString(),
          createdBy: r.createdBy,
          updatedAt: r.updatedAt.toISOString(),
          publishedAt: r.publishedAt?.toISOString() ?? null,
          publishedBy: r.publishedBy,
        },
      };
    });
  return { versions: [builtIn, ...fromRows], catalogue };
}

/** A draft as publication would write it today: its base with its changes (those that still apply). */
function draftForm(row: repo.VersionRow, catalogue: FormCatalogue): FormDefinition {
  const base = (row.basedOn === null ? undefined : catalogue.byVersion(row.basedOn)) ?? catalogue.latest;
  return applyChanges(base, row.changes, { version: row.version, known: catalogue.versions }).form;
}

const canSeeDrafts = (caller: Caller) => hasRole(caller.grants, "national");

/** GET /api/forms: oldest first; drafts for the national team only. */
export async function listVersions(db: DbOrTx, caller: Caller): Promise<{ versions: TFormVersionSummary[] }> {
  const { versions } = versionsOf(await repo.listRows(db));
  const drafts = canSeeDrafts(caller);
  return { versions: versions.filter((v) => drafts || v.summary.status === "published").map((v) => v.summary) };
}

const noSuchVersion = (version: number) => notFound(`La version ${version} du questionnaire n'existe pas.`);

/**
 * GET /api/forms/{version}: a draft exists for the national team only (404 for
 * others, as if it did not); a null caller is the system (the demo seed), which sees it.
 */
export async function getVersion(db: DbOrTx, caller: Caller | null, version: number): Promise<TFormVersionDetail> {
  const { versions, catalogue } = versionsOf(await repo.listRows(db));
  const found = versions.find((v) => v.summary.version === version);
  if (!found || (found.summary.status === "draft" && caller !== null && !canSeeDrafts(caller))) throw noSuchVersion(version);
  // A draft's own codes are taken too: the screen shows them with the draft's number.
  const known = found.summary.status === "draft" ? [...catalogue.versions, found.form] : catalogue.versions;
  return { ...found.summary, form: toForm(found.form), changeList: found.changes, usedCodes: usedCodes(known) };
}

// ---------------------------------------------------------------- writing

/** The draft's changes applied to its base; any problem refuses the whole write (422, field by field). */
function applied(base: FormDefinition, changes: readonly FormChange[], version: number, catalogue: FormCatalogue) {
  const { form, problems } = applyChanges(base, changes, { version, known: catalogue.versions });
  if (problems.length > 0) {
    throw new AppError(
      "VALIDATION_FAILED",
      422,
      problems.length === 1
        ? "Une modification ne peut pas s'appliquer : corrigez-la."
        : `${problems.length} modifications ne peuvent pas s'appliquer : corrigez-les.`,
      problems.map((p) => ({ field: p.field, message: p.message })),
    );
  }
  return form;
}

const alreadyPublished = (row: { version: number; validFrom: string | null }, what: string) =>
  new AppError(
    "ALREADY_PUBLISHED",
    409,
    `La version ${row.version} est publiée (elle s'applique depuis ${periodLabel(row.validFrom ?? "")}) : ${what}. Préparez une nouvelle version à partir d'elle.`,
  );

/** The version of that number, a draft; else 404 (no such version) or 409 (published: it never changes). */
function draftOf(rows: readonly repo.VersionRow[], version: number, what: string): repo.VersionRow {
  if (version === FORM_V1.version) throw alreadyPublished(FORM_V1, what);
  const row = rows.find((r) => r.version === version);
  if (!row) throw noSuchVersion(version);
  if (row.validFrom !== null) throw alreadyPublished(row, what);
  return row;
}

function baseOf(row: repo.VersionRow, catalogue: FormCatalogue): FormDefinition {
  const base = row.basedOn === null ? undefined : catalogue.byVersion(row.basedOn);
  if (!base) throw new Error(`draft ${row.version} is based on version ${row.basedOn}, which is not published`);
  return base;
}

/**
 * Starts the one draft (numbered after every version there is) from a
 * published version. Usable without HTTP (the demo seed), on the database or
 * inside a transaction (then a savepoint).
 */
export async function createDraft(db: DbOrTx, actor: FormActor, basedOn: number, changes: FormChange[]): Promise<{ version: number }> {
  return await db.transaction(async (tx) => {
    await repo.lockVersions(tx);
    const rows = await repo.listRows(tx);
    const draft = rows.find((r) => r.validFrom === null);
    if (draft) {
      throw new AppError(
        "DRAFT_EXISTS",
        409,
        `Un brouillon (version ${draft.version}) est déjà en préparation : reprenez-le ou supprimez-le.`,
        undefined,
        { version: draft.version },
      );
    }
    const catalogue = publishedOf(rows);
    const base = catalogue.byVersion(basedOn);
    const refuseBase = (message: string) => new AppError("VALIDATION_FAILED", 422, message, [{ field: "basedOn", message }]);
    if (!base) {
      throw refuseBase(
        `La version ${basedOn} n'est pas une version publiée : un brouillon part d'une version publiée (la plus récente est la version ${catalogue.latest.version}).`,
      );
    }
    // An older base could never be published (BASE_OUTDATED): refused now rather than after the work.
    if (base.version !== catalogue.latest.version) {
      throw refuseBase(`Une nouvelle version part de la dernière version publiée, la version ${catalogue.latest.version}.`);
    }
    const version = Math.max(FORM_V1.version, ...rows.map((r) => r.version)) + 1;
    const form = applied(base, changes, version, catalogue);
    await repo.insertDraft(tx, { version, basedOn, definition: stored(form), changes, createdBy: actor.id });
    await recordAudit(tx, actor, [
      { action: "form.create", subject: `form:${version}`, details: { basedOn, changes: described(base, changes, version, catalogue) } },
    ]);
    return { version };
  });
}

/** The If-Match of a draft is its updatedAt, as GET /api/forms/{version} gives it (quotes and W/ accepted). */
export const ifMatchOf = (header: string | undefined) =>
  header
    ?.trim()
    .replace(/^W\//, "")
    .replace(/^"(.*)"$/, "$1");

/** 409 when the draft is no longer as the caller read it; no token (the system) checks nothing. */
function assertUnchanged(row: repo.VersionRow, ifMatch: string | undefined) {
  const expected = ifMatchOf(ifMatch);
  if (expected && expected !== row.updatedAt.toISOString()) {
    throw new AppError(
      "DRAFT_CHANGED",
      409,
      `Ce brouillon a été modifié entre-temps : rechargez-le pour voir ces modifications, puis refaites les vôtres.`,
      undefined,
      { updatedAt: row.updatedAt.toISOString() },
    );
  }
}

/** Replaces a draft's changes (all of them: the screen sends its whole list). */
export async function updateDraft(db: DbOrTx, actor: FormActor, version: number, changes: FormChange[], ifMatch?: string): Promise<void> {
  await db.transaction(async (tx) => {
    await repo.lockVersions(tx);
    const rows = await repo.listRows(tx);
    const row = draftOf(rows, version, "elle ne change plus");
    assertUnchanged(row, ifMatch);
    const catalogue = publishedOf(rows);
    const base = baseOf(row, catalogue);
    const form = applied(base, changes, version, catalogue);
    await repo.updateDraft(tx, version, { definition: stored(form), changes });
    await recordAudit(tx, actor, [
      {
        action: "form.update",
        subject: `form:${version}`,
        before: described(base, row.changes, version, catalogue),
        after: described(base, changes, version, catalogue),
      },
    ]);
  });
}

/**
 * Discards a draft: nothing of it was ever used (its number may serve again).
 * With `ifMatch`, only the draft as read (the route requires it).
 */
export async function deleteDraft(db: DbOrTx, actor: FormActor, version: number, ifMatch?: string): Promise<void> {
  await db.transaction(async (tx) => {
    await repo.lockVersions(tx);
    const rows = await repo.listRows(tx);
    const row = draftOf(rows, version, "elle ne peut plus être supprimée");
    assertUnchanged(row, ifMatch);
    const catalogue = publishedOf(rows);
    const base = baseOf(row, catalogue);
    await repo.deleteDraft(tx, version);
    await recordAudit(tx, actor, [
      {
        action: "form.delete",
        subject: `form:${version}`,
        details: { basedOn: row.basedOn, changes: described(base, row.changes, version, catalogue) },
      },
    ]);
  });
}

const monthRefused = (refusal: PublicationRefusal) =>
  new AppError(refusal.code, 422, refusal.message, [{ field: "from", message: refusal.message }]);

/**
 * Publishes a draft from a month, when the domain's publication rule allows
 * it (publicationRefusal). With `ifMatch`, only the draft as read (the route
 * requires it: what is published is what the national user previewed).
 * Usable without HTTP, on the database or inside a transaction.
 */
export async function publishVersion(
  db: DbOrTx,
  actor: FormActor,
  version: number,
  from: string,
  options: { today: string; allowPast?: boolean; ifMatch?: string },
): Promise<void> {
  await db.transaction(async (tx) => {
    await repo.lockVersions(tx);
    const rows = await repo.listRows(tx);
    const row = draftOf(rows, version, "elle ne se publie pas une seconde fois");
    assertUnchanged(row, options.ifMatch);
    const catalogue = publishedOf(rows);
    const latest = catalogue.latest;
    if (row.basedOn !== latest.version) {
      throw new AppError(
        "BASE_OUTDATED",
        409,
        `Ce brouillon part de la version ${row.basedOn}, mais la version ${latest.version} a été publiée depuis : préparez-le à nouveau à partir de la version ${latest.version}.`,
      );
    }
    const submittedThisMonth = !options.allowPast && (await repo.anySubmittedIn(tx, formatPeriod(periodOfDate(options.today))));
    const refusal = publicationRefusal({ from, today: options.today, latest, submittedThisMonth, allowPast: options.allowPast ?? false });
    if (refusal) throw monthRefused(refusal);

    const form = applied(latest, row.changes, version, catalogue);
    const done = await repo.markPublished(tx, version, { validFrom: from, definition: stored(form), publishedBy: actor.id });
    if (!done) throw new Error(`draft ${version} not published`);
    await recordAudit(tx, actor, [
      {
        action: "form.publish",
        subject: `form:${version}`,
        details: { from, changes: described(latest, row.changes, version, catalogue) },
      },
    ]);
  });
}
