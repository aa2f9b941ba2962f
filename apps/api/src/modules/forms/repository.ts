/**
 * The questionnaire's versions in the database (form_versions): version 1 is
 * built in and has no row; every later version is a row, a draft until it
 * has a month (valid_from). A write of a published row (a publication) bumps
 * the national settings' revision (triggers), so every process's cached
 * catalogue reloads at its next request; a draft's saves, which that
 * catalogue does not hold, leave it.
 */
import type { FormChange, FormDefinition } from "@enquete/domain";
import { and, asc, eq, isNotNull, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { formVersions, reports, users } from "../../db/schema.ts";
import type { DbOrTx } from "../reports/repository.ts";

/** What a row stores of a form: everything but its number and its month, which are columns. */
export type StoredDefinition = Omit<FormDefinition, "version" | "validFrom">;

export interface VersionRow {
  version: number;
  basedOn: number | null;
  validFrom: string | null;
  definition: StoredDefinition;
  changes: FormChange[];
  createdAt: Date;
  createdBy: string | null;
  updatedAt: Date;
  publishedAt: Date | null;
  publishedBy: string | null;
}

const creator = alias(users, "creator");
const publisher = alias(users, "publisher");

const rowColumns = {
  version: formVersions.version,
  basedOn: formVersions.basedOn,
  validFrom: formVersions.validFrom,
  definition: formVersions.definition,
  changes: formVersions.changes,
  createdAt: formVersions.createdAt,
  createdBy: creator.displayName,
  updatedAt: formVersions.updatedAt,
  publishedAt: formVersions.publishedAt,
  publishedBy: publisher.displayName,
};

const asRow = (r: { definition: unknown; changes: unknown } & Omit<VersionRow, "definition" | "changes">): VersionRow => ({
  ...r,
  definition: r.definition as StoredDefinition,
  changes: (r.changes ?? []) as FormChange[],
});

/** Every row, drafts included, by number; who created and published them by their names. */
export async function listRows(db: DbOrTx): Promise<VersionRow[]> {
  const rows = await db
    .select(rowColumns)
    .from(formVersions)
    .leftJoin(creator, eq(creator.id, formVersions.createdBy))
    .leftJoin(publisher, eq(publisher.id, formVersions.publishedBy))
    .orderBy(asc(formVersions.version));
  return rows.map(asRow);
}

/**
 * Versions are written one at a time across processes: two drafts created at
 * once, or two publications, cannot both pass their checks. Held until the
 * outer transaction ends (also when called inside a savepoint).
 */
export async function lockVersions(tx: DbOrTx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext('form-versions'))`);
}

export async function insertDraft(
  tx: DbOrTx,
  input: { version: number; basedOn: number; definition: StoredDefinition; changes: FormChange[]; createdBy: string | null },
): Promise<void> {
  await tx.insert(formVersions).values({ ...input, validFrom: null });
}

/** Replaces a draft's changes; false when there is no draft of that number (gone, or published meanwhile). */
export async function updateDraft(
  tx: DbOrTx,
  version: number,
  input: { definition: StoredDefinition; changes: FormChange[] },
): Promise<boolean> {
  const updated = await tx
    .update(formVersions)
    .set({ ...input, updatedAt: sql`now()` })
    .where(and(eq(formVersions.version, version), isNull(formVersions.validFrom)))
    .returning({ version: formVersions.version });
  return updated.length === 1;
}

export async function deleteDraft(tx: DbOrTx, version: number): Promise<boolean> {
  const deleted = await tx
    .delete(formVersions)
    .where(and(eq(formVersions.version, version), isNull(formVersions.validFrom)))
    .returning({ version: formVersions.version });
  return deleted.length === 1;
}

/** Gives a draft its month and its final questionnaire. */
export async function markPublished(
  tx: DbOrTx,
  version: number,
  input: { validFrom: string; definition: StoredDefinition; publishedBy: string | null },
): Promise<boolean> {
  const updated = await tx
    .update(formVersions)
    .set({ ...input, publishedAt: sql`now()`, updatedAt: sql`now()` })
    .where(and(eq(formVersions.version, version), isNull(formVersions.validFrom)))
    .returning({ version: formVersions.version });
  return updated.length === 1;
}

/** Whether a report of that month was ever submitted (returned or reopened since, it still was). */
export async function anySubmittedIn(db: DbOrTx, period: string): Promise<boolean> {
  const rows = await db
    .select({ id: reports.id })
    .from(reports)
    .where(and(eq(reports.period, period), isNotNull(reports.firstSubmittedAt)))
    .limit(1);
  return rows.length > 0;
}
