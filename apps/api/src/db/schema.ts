/**
 * The database schema. TypeScript names are camelCase; the client and
 * drizzle-kit map them to snake_case columns (casing: "snake_case").
 * After a change: `npm run db:generate -- --name <intent>`.
 */
import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

export const roleEnum = pgEnum("role", ["atelier", "territory", "national", "admin", "viewer"]);
export const labelStatusEnum = pgEnum("label_status", ["labellise", "en_cours", "non_engage"]);

export const territories = pgTable("territories", {
  code: text().primaryKey(),
  name: text().notNull(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/**
 * An atelier. It is open from the first day of its opening month
 * (`openedOn`) to the day before the first day of its closing month
 * (`closedOn`, exclusive; null: open). Its name is stored (a rename changes
 * it); its territory, labellisation, lab and ESPE location are dated (the
 * tables below), so that every month reads the referential of that month.
 */
export const ateliers = pgTable(
  "ateliers",
  {
    code: text().primaryKey(),
    name: text().notNull(),
    departement: text().notNull(),
    city: text().notNull(),
    openedOn: date().notNull().default("2016-01-01"),
    closedOn: date(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("ateliers_opened_first_day", sql`extract(day from ${t.openedOn}) = 1`),
    check("ateliers_closed_first_day", sql`${t.closedOn} is null or extract(day from ${t.closedOn}) = 1`),
    check("ateliers_closed_after_opening", sql`${t.closedOn} is null or ${t.closedOn} > ${t.openedOn}`),
  ],
);

export const atelierFlagEnum = pgEnum("atelier_flag", ["lab", "espe"]);

/**
 * Dated yes/no attributes of an atelier (section 1): `lab` hosts a
 * laboratoire des usages, `espe` is located within an ESPE/INSPÉ. A row
 * holds from its month until the next row of the same flag; before the
 * first row the answer is no.
 */
export const atelierFlags = pgTable(
  "atelier_flags",
  {
    atelierCode: text()
      .notNull()
      .references(() => ateliers.code),
    flag: atelierFlagEnum().notNull(),
    validFrom: date().notNull(),
    value: boolean().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.atelierCode, t.flag, t.validFrom] }),
    check("atelier_flags_first_day", sql`extract(day from ${t.validFrom}) = 1`),
  ],
);

/** An atelier belongs to a territory from a date (inclusive) to a date (exclusive). */
export const atelierTerritories = pgTable(
  "atelier_territories",
  {
    atelierCode: text()
      .notNull()
      .references(() => ateliers.code),
    territoryCode: text()
      .notNull()
      .references(() => territories.code),
    validFrom: date().notNull(),
    validTo: date(),
  },
  (t) => [
    primaryKey({ columns: [t.atelierCode, t.validFrom] }),
    index().on(t.territoryCode),
    check("atelier_territories_dates", sql`${t.validTo} is null or ${t.validTo} > ${t.validFrom}`),
  ],
);

/** Labellisation status of an atelier from a date. */
export const atelierLabels = pgTable(
  "atelier_labels",
  {
    atelierCode: text()
      .notNull()
      .references(() => ateliers.code),
    status: labelStatusEnum().notNull(),
    validFrom: date().notNull(),
  },
  (t) => [primaryKey({ columns: [t.atelierCode, t.validFrom] })],
);

export const users = pgTable(
  "users",
  {
    id: uuid().primaryKey().defaultRandom(),
    email: text().notNull(),
    displayName: text().notNull(),
    /** null while the person has not chosen a password yet (an invitation waits) or signs in by SSO only. */
    passwordHash: text(),
    active: boolean().notNull().default(true),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastLoginAt: timestamp({ withTimezone: true }),
    passwordChangedAt: timestamp({ withTimezone: true }),
  },
  (t) => [uniqueIndex("users_email_key").on(sql`lower(${t.email})`)],
);

export const userRoles = pgTable(
  "user_roles",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: roleEnum().notNull(),
    atelierCode: text().references(() => ateliers.code),
    territoryCode: text().references(() => territories.code),
    grantedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("user_roles_unique").on(t.userId, t.role, sql`coalesce(${t.atelierCode}, '')`, sql`coalesce(${t.territoryCode}, '')`),
    index().on(t.atelierCode),
    index().on(t.territoryCode),
    check(
      "user_roles_scope",
      sql`(${t.role} = 'atelier' and ${t.atelierCode} is not null and ${t.territoryCode} is null)
        or (${t.role} = 'territory' and ${t.territoryCode} is not null and ${t.atelierCode} is null)
        or (${t.role} in ('national', 'admin', 'viewer') and ${t.atelierCode} is null and ${t.territoryCode} is null)`,
    ),
  ],
);

/**
 * Server-side sessions. Only a SHA-256 of the cookie's random id is stored,
 * so a copy of this table does not let anyone sign in.
 */
export const sessions = pgTable(
  "sessions",
  {
    idHash: text().primaryKey(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    /** The id shown in the person's list of sessions (never the cookie's hash). */
    publicId: uuid().notNull().defaultRandom(),
    /** What opened it, for the person's list: the browser's User-Agent and address at sign-in. */
    userAgent: text(),
    ip: text(),
    /** How the person signed in: "password" or "oidc". */
    method: text().notNull().default("password"),
  },
  (t) => [index().on(t.userId), index().on(t.expiresAt), uniqueIndex().on(t.publicId)],
);

/**
 * Single-use links sent by email: an invitation (72 h) or a password reset
 * (1 h). Only a SHA-256 of the link's secret is stored. A new link of a
 * person ends the previous ones; using one ends them all.
 */
export const userLinks = pgTable(
  "user_links",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purpose: text().notNull(),
    tokenHash: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
    createdBy: uuid().references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [
    uniqueIndex().on(t.tokenHash),
    index().on(t.userId, t.createdAt),
    check("user_links_purpose", sql`${t.purpose} in ('invitation', 'password_reset')`),
  ],
);

/**
 * Personal API tokens for scripts (GET only, the owner's scope). Only a
 * SHA-256 of the secret is stored; `prefix` is its first characters, to
 * recognise it in a list.
 */
export const apiTokens = pgTable(
  "api_tokens",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    label: text().notNull(),
    tokenHash: text().notNull(),
    prefix: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** Last day of validity (Europe/Paris): the token works until the end of that day. */
    expiresOn: date().notNull(),
    lastUsedAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
    expiryWarnedAt: timestamp({ withTimezone: true }),
  },
  (t) => [uniqueIndex().on(t.tokenHash), index().on(t.userId), index().on(t.expiresOn)],
);

/**
 * Addresses from which a person has signed in: the per-account hourly limit
 * does not apply there, so an attacker elsewhere cannot keep them out.
 */
export const signInAddresses = pgTable(
  "sign_in_addresses",
  {
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    ip: text().notNull(),
    lastSuccessAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.ip] })],
);

/** An OpenID Connect sign-in in progress: its state, nonce and PKCE verifier, for a few minutes. */
export const oidcLogins = pgTable(
  "oidc_logins",
  {
    stateHash: text().primaryKey(),
    nonce: text().notNull(),
    codeVerifier: text().notNull(),
    returnTo: text().notNull().default("/"),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.createdAt)],
);

/** Failed sign-ins, counted per account across every API process. */
export const loginFailures = pgTable(
  "login_failures",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    emailKey: text().notNull(),
    ip: text().notNull(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.emailKey, t.at), index().on(t.ip, t.at), index().on(t.emailKey, t.ip, t.at)],
);

/**
 * Request counters shared by every API process: one row per key (an address,
 * a person's costly requests) and fixed window. Each process adds its own
 * hits in batches and reads back the total, so N replicas enforce one limit.
 */
export const rateLimitHits = pgTable(
  "rate_limit_hits",
  {
    key: text().notNull(),
    windowStart: timestamp({ withTimezone: true }).notNull(),
    hits: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] }), index().on(t.windowStart)],
);

/**
 * Costly requests (exports, breakdowns, the campaign grid, indicators) in
 * progress, per person and across processes. A lease ends with its request;
 * one left by a killed process expires by itself.
 */
export const costlyLeases = pgTable(
  "costly_leases",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid().notNull(),
    startedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index().on(t.userId, t.expiresAt)],
);

/**
 * One row whose number grows at every change of the national settings or
 * closed years (triggers): each process caches those settings and reloads
 * them when the number it reads with the caller's session has moved.
 */
export const settingsRevision = pgTable(
  "settings_revision",
  {
    id: integer().primaryKey().default(1),
    revision: bigint({ mode: "number" }).notNull().default(0),
  },
  (t) => [check("settings_revision_single_row", sql`${t.id} = 1`)],
);

/** Who did what to accounts and the referential, and when. */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    actorId: uuid().references(() => users.id, { onDelete: "set null" }),
    actorLabel: text().notNull(),
    action: text().notNull(),
    subject: text().notNull(),
    details: jsonb().notNull().default({}),
  },
  (t) => [index().on(t.subject), index().on(t.at), index().on(t.actorId, t.at), index().on(t.action, t.at)],
);

export const reportStatusEnum = pgEnum("report_status", ["draft", "submitted", "returned", "validated"]);

/**
 * One report per atelier and month. Values are a JSON object keyed by the
 * questionnaire's stable field codes (never labels), read through the form
 * version stored beside them. `territoryCode` is the atelier's territory in
 * that month, so a later move does not rewrite the past.
 */
export const reports = pgTable(
  "reports",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    atelierCode: text()
      .notNull()
      .references(() => ateliers.code),
    period: text().notNull(),
    territoryCode: text()
      .notNull()
      .references(() => territories.code),
    status: reportStatusEnum().notNull().default("draft"),
    version: integer().notNull().default(1),
    formVersion: integer().notNull(),
    values: jsonb().$type<Record<string, number | string | null>>().notNull().default({}),
    justifications: jsonb().$type<Record<string, string>>().notNull().default({}),
    /** A director's short note on a figure, by field code ("dont 40 journées pour le plan académique numérique"). */
    notes: jsonb().$type<Record<string, string>>().notNull().default({}),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    firstSubmittedAt: timestamp({ withTimezone: true }),
    submittedAt: timestamp({ withTimezone: true }),
    validatedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex("reports_atelier_period_key").on(t.atelierCode, t.period),
    index("reports_period_territory_status_idx").on(t.period, t.territoryCode, t.status),
    check("reports_period_format", sql`${t.period} ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`),
    check("reports_version_positive", sql`${t.version} > 0`),
  ],
);

/**
 * The reports summed per month, territory and status, kept by triggers on
 * `reports` in the same transaction as each change (migration
 * 0005_report_monthly_sums): `sums` adds every numeric value per field code,
 * `submittedDays` counts the reports by the day of their first submission
 * counted from the first day of the next month (Paris, clamped to -1..28), so
 * the on-time count follows the due day of the day. The indicators of a
 * national or territorial scope read it instead of the reports' values.
 */
export const reportMonthlySums = pgTable(
  "report_monthly_sums",
  {
    period: text().notNull(),
    territoryCode: text().notNull(),
    status: reportStatusEnum().notNull(),
    /** The questionnaire version of the reports summed: an indicator's formula may depend on it (1-5). */
    formVersion: integer().notNull().default(1),
    reports: integer().notNull().default(0),
    sums: jsonb().$type<Record<string, number>>().notNull().default({}),
    submittedDays: jsonb().$type<Record<string, number>>().notNull().default({}),
  },
  (t) => [primaryKey({ columns: [t.period, t.territoryCode, t.status, t.formVersion] })],
);

/**
 * The questionnaire's versions (domain page, sections 3 and 7.4). A version
 * is a draft (validFrom null) prepared by the national team as a list of
 * changes to the version it is based on, then published from a month; once
 * published it never changes. `definition` is the whole questionnaire
 * (sections, fields, rules) that the changes give, as reports read it.
 * Version 1 is built in (packages/domain/src/questionnaire/v1.ts) and has
 * no row: every version after it is written here by the national team.
 */
export const formVersions = pgTable(
  "form_versions",
  {
    version: integer().primaryKey(),
    basedOn: integer(),
    validFrom: text(),
    definition: jsonb().notNull(),
    changes: jsonb().notNull().default([]),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid().references(() => users.id, { onDelete: "set null" }),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    publishedAt: timestamp({ withTimezone: true }),
    publishedBy: uuid().references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [
    uniqueIndex("form_versions_valid_from_key").on(t.validFrom),
    check("form_versions_valid_from_format", sql`${t.validFrom} is null or ${t.validFrom} ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`),
    check("form_versions_version_positive", sql`${t.version} > 0`),
  ],
);

/** Every save and every transition of a report: who, when, what changed, why. */
export const reportEvents = pgTable(
  "report_events",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    reportId: bigint({ mode: "number" })
      .notNull()
      .references(() => reports.id, { onDelete: "cascade" }),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    actorId: uuid().references(() => users.id, { onDelete: "set null" }),
    actorLabel: text().notNull(),
    action: text().notNull(),
    fromStatus: reportStatusEnum(),
    toStatus: reportStatusEnum().notNull(),
    version: integer().notNull(),
    changes: jsonb().$type<{ field: string; from: number | string | null; to: number | string | null }[]>().notNull().default([]),
    /** The return comment or reopening reason, kept for older readers; `remarks` says what each text is. */
    comment: text(),
    /**
     * The people's words the event carries, each as what it is: a return comment, a reopening reason,
     * the director's reply, a justification (labelled by its warning), a note on a field.
     */
    remarks: jsonb()
      .$type<
        { kind: "return_comment" | "reopen_reason" | "reply" | "justification" | "note"; field?: string; label?: string; text: string }[]
      >()
      .notNull()
      .default([]),
  },
  (t) => [index().on(t.reportId, t.at)],
);

/** National settings that change without a deployment (the due day of reports). */
export const settings = pgTable("settings", {
  key: text().primaryKey(),
  value: jsonb().notNull(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedBy: uuid().references(() => users.id, { onDelete: "set null" }),
});

/** A closed year: none of its reports changes any more, except by a national reopen. */
export const closedYears = pgTable("closed_years", {
  year: integer().primaryKey(),
  closedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  closedBy: uuid().references(() => users.id, { onDelete: "set null" }),
});

/**
 * Every email the platform sends, written in the same transaction as what
 * caused it (a transactional outbox), delivered by a scheduled job. The
 * dedupe key makes a second worker, or a second run, a no-op.
 */
export const outbox = pgTable(
  "outbox",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    kind: text().notNull(),
    dedupeKey: text().notNull(),
    toUserId: uuid().references(() => users.id, { onDelete: "set null" }),
    toEmail: text().notNull(),
    subject: text().notNull(),
    body: text().notNull(),
    link: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp({ withTimezone: true }),
    attempts: integer().notNull().default(0),
    lastError: text(),
  },
  (t) => [uniqueIndex("outbox_dedupe_key").on(t.dedupeKey), index("outbox_pending_idx").on(t.sentAt, t.createdAt)],
);

/** Non-essential emails a user turned off (absent: on). */
export const notificationPreferences = pgTable(
  "notification_preferences",
  {
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text().notNull(),
    enabled: boolean().notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind] })],
);

/**
 * The contract's yearly targets per indicator, and its reference values
 * (baseline: the 2016 value of the 2017–2019 contract). A new contract adds years.
 */
export const indicatorTargets = pgTable(
  "indicator_targets",
  {
    indicatorCode: text().notNull(),
    year: integer().notNull(),
    value: numeric({ precision: 14, scale: 4, mode: "number" }).notNull(),
    isBaseline: boolean().notNull().default(false),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid().references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [primaryKey({ columns: [t.indicatorCode, t.year] })],
);

/** National distance-learning trainee-days (MOOC and M@gistère) per month, added to indicator 1-1 nationally. */
export const distanceLearning = pgTable(
  "distance_learning",
  {
    period: text().primaryKey(),
    moocTraineeDays: numeric({ precision: 12, scale: 2, mode: "number" }).notNull(),
    magistereTraineeDays: numeric({ precision: 12, scale: 2, mode: "number" }).notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid().references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [check("distance_learning_period_format", sql`${t.period} ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`)],
);
