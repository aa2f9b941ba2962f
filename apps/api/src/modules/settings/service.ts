import type { TSettings } from "@enquete/contract";
import { REMINDER_DAYS_MAX, type TPublicContact, type TPublicPagesBody, type TReminderDaysBody } from "@enquete/contract";
import { FORM_V1, FormCatalogue, type FormDefinition } from "@enquete/domain";
import type { Config } from "../../config.ts";
import type { Db } from "../../db/client.ts";
import { AppError } from "../../errors.ts";
import type { Caller } from "../auth/service.ts";
import type { DbOrTx } from "../reports/repository.ts";
import * as repo from "./repository.ts";

export const DUE_DAY_KEY = "dueDay";
export const REMINDER_BEFORE_KEY = "reminderDaysBefore";
export const REMINDER_AFTER_KEY = "reminderDaysAfter";
export const CONTACT_EMAIL_KEY = "contactEmail";
export const HOSTING_NOTICE_KEY = "hostingNotice";
/** Three days before the due date, and the day after it, until the national team says otherwise. */
export const DEFAULT_REMINDER_DAYS = { before: 3, after: 1 } as const;

/** The national settings a request works with. */
export interface NationalSettings {
  dueDay: number;
  closedYears: { year: number; closedAt: Date }[];
  reminderDaysBefore: number;
  reminderDaysAfter: number;
  /** The published questionnaire versions: the built-in version 1 and those of form_versions. */
  forms: FormCatalogue;
  /** The address the public pages give (null: not given yet). */
  contactEmail: string | null;
  /** The hosting notice of the legal page, given by whoever runs the deployment (null: not given yet). */
  hostingNotice: string | null;
}

const isDay = (value: unknown, max: number): value is number =>
  typeof value === "number" && Number.isInteger(value) && value >= 1 && value <= max;

/** A text setting: stored as typed (trimmed); an empty text, or anything but a string, is "not given". */
const textSetting = (value: unknown): string | null => (typeof value === "string" && value.trim() !== "" ? value : null);

const validDueDay = (value: unknown, config: Pick<Config, "reportDueDay">) => (isDay(value, 28) ? value : config.reportDueDay);

/** The reminder days in force, read from the stored settings (a value out of range falls back to the default). */
function reminderDaysOf(values: Record<string, unknown>, config: Pick<Config, "reportDueDay">) {
  const due = validDueDay(values[DUE_DAY_KEY], config);
  const before = values[REMINDER_BEFORE_KEY];
  const after = values[REMINDER_AFTER_KEY];
  return {
    // Never on or before the month's last day: the reminder comes once the report can be sent.
    reminderDaysBefore: isDay(before, REMINDER_DAYS_MAX) && before < due ? before : Math.min(DEFAULT_REMINDER_DAYS.before, due - 1),
    reminderDaysAfter: isDay(after, REMINDER_DAYS_MAX) ? after : DEFAULT_REMINDER_DAYS.after,
  };
}

/** What the reminders job needs: the due day and the reminder days in force. */
export async function reminderSettings(db: DbOrTx, config: Pick<Config, "reportDueDay">) {
  const [due, before, after] = await Promise.all([
    repo.readSetting(db, DUE_DAY_KEY),
    repo.readSetting(db, REMINDER_BEFORE_KEY),
    repo.readSetting(db, REMINDER_AFTER_KEY),
  ]);
  const values = { [DUE_DAY_KEY]: due, [REMINDER_BEFORE_KEY]: before, [REMINDER_AFTER_KEY]: after };
  return { dueDay: validDueDay(due, config), ...reminderDaysOf(values, config) };
}

/** The due day in force: the national setting, else the deployment's default. */
export async function dueDay(db: DbOrTx, config: Pick<Config, "reportDueDay">): Promise<number> {
  return validDueDay(await repo.readSetting(db, DUE_DAY_KEY), config);
}

/**
 * The national settings, kept in this process and read again only when the
 * revision the caller's session query brought back has moved past the one
 * cached. The revision is bumped by triggers in the same transaction as any
 * change of the settings or closed years, so a change made through any
 * process (or by hand in SQL) is seen by the next request of every process.
 * One cache per database handle: tests run several databases in one process.
 */
interface SettingsCache {
  config: Pick<Config, "reportDueDay">;
  revision: number;
  settings: NationalSettings | null;
  loading: Promise<void> | null;
}
const caches = new WeakMap<Db, SettingsCache>();

/** The published versions: the built-in version 1 and the rows of form_versions. */
export function formCatalogue(published: readonly FormDefinition[]): FormCatalogue {
  return new FormCatalogue([FORM_V1, ...published.filter((f) => f.version !== FORM_V1.version)]);
}

/** The published versions read now, for work outside a request (jobs, seeds, tests); a request uses its settings' copy. */
export async function readPublishedForms(db: DbOrTx): Promise<FormCatalogue> {
  return formCatalogue(await repo.readPublishedFormRows(db));
}

export async function currentSettings(db: Db, config: Pick<Config, "reportDueDay">, revision: number): Promise<NationalSettings> {
  let cache = caches.get(db);
  if (!cache || cache.config !== config) {
    cache = { config, revision: -1, settings: null, loading: null };
    caches.set(db, cache);
  }
  const entry = cache;
  // A read already on its way may have started before that revision: at most one more is needed.
  for (let reads = 0; reads < 3 && (!entry.settings || entry.revision < revision); reads++) {
    // Requests arriving together after a change share one read.
    entry.loading ??= repo
      .readNationalSettings(db)
      .then((row) => {
        if (row.revision < entry.revision) return;
        entry.revision = row.revision;
        entry.settings = {
          dueDay: validDueDay(row.values[DUE_DAY_KEY], config),
          closedYears: row.closedYears,
          ...reminderDaysOf(row.values, config),
          forms: formCatalogue(row.forms),
          contactEmail: textSetting(row.values[CONTACT_EMAIL_KEY]),
          hostingNotice: textSetting(row.values[HOSTING_NOTICE_KEY]),
        };
      })
      .finally(() => {
        entry.loading = null;
      });
    await entry.loading;
  }
  if (!entry.settings) throw new Error("national settings not loaded");
  return entry.settings;
}

export async function getSettings(db: Db, config: Config): Promise<TSettings> {
  const [reminders, closed, contactEmail, hostingNotice] = await Promise.all([
    reminderSettings(db, config),
    repo.listClosedYears(db),
    repo.readSetting(db, CONTACT_EMAIL_KEY),
    repo.readSetting(db, HOSTING_NOTICE_KEY),
  ]);
  return {
    ...reminders,
    closedYears: closed.map((c) => c.year),
    contactEmail: textSetting(contactEmail),
    hostingNotice: textSetting(hostingNotice),
  };
}

/**
 * The contact address and hosting notice. Only what differs from the stored
 * value is written, so the journal records real changes, not every click.
 */
export async function setPublicPages(db: Db, config: Config, caller: Caller, body: TPublicPagesBody): Promise<TSettings> {
  await repo.updateSettings(db, { id: caller.userId, label: caller.displayName }, (current) => {
    const wanted = { [CONTACT_EMAIL_KEY]: body.contactEmail, [HOSTING_NOTICE_KEY]: body.hostingNotice };
    return Object.fromEntries(Object.entries(wanted).filter(([key, value]) => textSetting(current[key]) !== textSetting(value)));
  });
  return await getSettings(db, config);
}

/**
 * What the public pages show, from the cached settings: a signed-in caller
 * brings the revision with its session; anyone else costs one tiny read of it.
 */
export async function publicContact(db: Db, config: Pick<Config, "reportDueDay">, revision: number | null): Promise<TPublicContact> {
  const settings = await currentSettings(db, config, revision ?? (await repo.readSettingsRevision(db)));
  return { email: settings.contactEmail, dueDay: settings.dueDay, hostingNotice: settings.hostingNotice };
}

/** The "before" reminder falls after the month is over: fewer days before the due date than the due day itself. */
function reminderTooEarly(daysBefore: number, day: number) {
  return new AppError(
    "REMINDER_TOO_EARLY",
    422,
    `Le rappel partirait ${daysBefore} jours avant une échéance fixée au ${day} du mois suivant, donc avant la fin du mois, quand le rapport ne peut pas encore être soumis.`,
    [{ field: "daysBefore", message: `Avec une échéance le ${day}, au plus ${day - 1} jour${day - 1 > 1 ? "s" : ""} avant.` }],
  );
}

export async function setDueDay(db: Db, config: Config, caller: Caller, day: number): Promise<TSettings> {
  await repo.updateSettings(db, { id: caller.userId, label: caller.displayName }, (current) => {
    const before = current[REMINDER_BEFORE_KEY];
    // A reminder set explicitly keeps its meaning: the due day cannot move under it.
    if (isDay(before, REMINDER_DAYS_MAX) && before >= day) {
      throw new AppError(
        "REMINDER_TOO_EARLY",
        422,
        `Le rappel part ${before} jours avant l'échéance : avec une échéance le ${day}, il partirait avant la fin du mois. Choisissez un jour après le ${before}, ou réduisez d'abord le délai du rappel.`,
        [{ field: "dueDay", message: `Choisissez un jour après le ${before}.` }],
      );
    }
    return { [DUE_DAY_KEY]: day };
  });
  return await getSettings(db, config);
}

export async function setReminderDays(db: Db, config: Config, caller: Caller, body: TReminderDaysBody): Promise<TSettings> {
  await repo.updateSettings(db, { id: caller.userId, label: caller.displayName }, (current) => {
    const day = validDueDay(current[DUE_DAY_KEY], config);
    if (body.daysBefore >= day) throw reminderTooEarly(body.daysBefore, day);
    return { [REMINDER_BEFORE_KEY]: body.daysBefore, [REMINDER_AFTER_KEY]: body.daysAfter };
  });
  return await getSettings(db, config);
}

export async function closeYear(db: Db, config: Config, caller: Caller, year: number, today: string): Promise<TSettings> {
  if (`${year}-12-31` >= today) {
    throw new AppError("YEAR_NOT_OVER", 422, `L'année ${year} n'est pas terminée : elle ne peut pas encore être close.`);
  }
  const closed = await repo.closeYear(db, year, { id: caller.userId, label: caller.displayName });
  if (!closed) throw new AppError("YEAR_ALREADY_CLOSED", 409, `L'année ${year} est déjà close.`);
  return await getSettings(db, config);
}
