import type { FormDefinition } from "@enquete/domain";
import { asc, eq, isNotNull, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { auditEvents, closedYears, formVersions, settings, settingsRevision } from "../../db/schema.ts";
import type { DbOrTx } from "../reports/repository.ts";

export async function readSetting(db: DbOrTx, key: string): Promise<unknown> {
  const rows = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, key));
  return rows[0]?.value;
}

/** Where the national settings are at, for a request that has no session to bring it (the public pages). */
export async function readSettingsRevision(db: DbOrTx): Promise<number> {
  const rows = await db.select({ revision: settingsRevision.revision }).from(settingsRevision).where(eq(settingsRevision.id, 1));
  return Number(rows[0]?.revision ?? 0);
}

export interface NationalSettingsRow {
  revision: number;
  values: Record<string, unknown>;
  closedYears: { year: number; closedAt: Date }[];
  /** The questionnaire versions published in the database (version 1 is built in and has no row). */
  forms: FormDefinition[];
}

type PublishedRow = { version: number; validFrom: string; definition: Omit<FormDefinition, "version" | "validFrom"> };

/** A published row of form_versions as reports read it (its definition holds sections and rules). */
const publishedForm = (row: PublishedRow): FormDefinition => ({ ...row.definition, version: row.version, validFrom: row.validFrom });

/** The questionnaire versions published in the database, read now (also inside a transaction: the demo seed). */
export async function readPublishedFormRows(db: DbOrTx): Promise<FormDefinition[]> {
  const rows = await db
    .select({ version: formVersions.version, validFrom: formVersions.validFrom, definition: formVersions.definition })
    .from(formVersions)
    .where(isNotNull(formVersions.validFrom))
    .orderBy(asc(formVersions.validFrom));
  return rows.map((r) => publishedForm(r as PublishedRow));
}

/**
 * Every national setting and closed year with the revision they are at, read
 * in one statement (one snapshot): a cache filled from it is exactly the
 * state of that revision, never half of a later change.
 */
export async function readNationalSettings(db: Db): Promise<NationalSettingsRow> {
  const { rows } = await db.$client.query<{
    revision: string | null;
    values: Record<string, unknown>;
    closed: { year: number; closedAt: string }[];
    forms: PublishedRow[];
  }>({
    name: "national-settings",
    text: `select
      (select revision from settings_revision where id = 1) as revision,
      coalesce((select jsonb_object_agg(key, value) from settings), '{}'::jsonb) as values,
      coalesce((select json_agg(json_build_object('year', year, 'closedAt', closed_at) order by year) from closed_years), '[]'::json) as closed,
      coalesce((select json_agg(json_build_object('version', version, 'validFrom', valid_from, 'definition', definition) order by valid_from)
        from form_versions where valid_from is not null), '[]'::json) as forms`,
  });
  const row = rows[0];
  return {
    revision: Number(row?.revision ?? 0),
    values: row?.values ?? {},
    closedYears: (row?.closed ?? []).map((c) => ({ year: c.year, closedAt: new Date(c.closedAt) })),
    forms: (row?.forms ?? []).map(publishedForm),
  };
}

/**
 * Changes national settings that depend on one another (the due day and the
 * reminder days): one at a time across processes (a transaction lock), the
 * settings read inside, `change` deciding from them what to write (or
 * throwing, and nothing is written), each key with its audit event.
 */
export async function updateSettings(
  db: Db,
  actor: { id: string; label: string },
  change: (current: Record<string, unknown>) => Record<string, unknown>,
) {
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('national-settings'))`);
    const rows = await tx.select({ key: settings.key, value: settings.value }).from(settings);
    const current: Record<string, unknown> = Object.fromEntries(rows.map((r) => [r.key, r.value]));
    const entries = change(current);
    for (const [key, value] of Object.entries(entries)) {
      // Never stored yet: the default of the code was in force, which the journal says as null.
      const before = key in current ? current[key] : null;
      await tx
        .insert(settings)
        .values({ key, value, updatedBy: actor.id })
        .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: sql`now()`, updatedBy: actor.id } });
      await tx.insert(auditEvents).values({
        actorId: actor.id,
        actorLabel: actor.label,
        action: "setting.changed",
        subject: `setting:${key}`,
        details: { value, before, after: value },
      });
    }
  });
}

export async function listClosedYears(db: DbOrTx): Promise<{ year: number; closedAt: Date }[]> {
  return await db.select({ year: closedYears.year, closedAt: closedYears.closedAt }).from(closedYears).orderBy(asc(closedYears.year));
}

export async function closeYear(db: Db, year: number, actor: { id: string; label: string }): Promise<boolean> {
  return await db.transaction(async (tx) => {
    const inserted = await tx.insert(closedYears).values({ year, closedBy: actor.id }).onConflictDoNothing().returning();
    if (inserted.length === 0) return false;
    await tx
      .insert(auditEvents)
      .values({ actorId: actor.id, actorLabel: actor.label, action: "year.closed", subject: `year:${year}`, details: {} });
    return true;
  });
}
