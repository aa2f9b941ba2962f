/**
 * Reads the journal: filtered, newest first, by page; and the names its
 * subjects point to (accounts, tokens, ateliers, territories) for one page.
 */
import { and, asc, count, desc, eq, ilike, inArray, like, type SQL, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { apiTokens, ateliers, auditEvents, territories, users } from "../../db/schema.ts";
import { likePattern } from "../users/repository.ts";
import type { SubjectNames } from "./labels.ts";

export interface AuditFilter {
  /** A user id: their actions; anything else: a part of the actor's label. */
  actorId?: string;
  actorText?: string;
  /** Exact, or every action of a family when it ends with "." ("user."). */
  action?: string;
  subject?: string;
  /** Days (YYYY-MM-DD), inclusive, in Paris time. */
  from?: string;
  to?: string;
}

function whereOf(f: AuditFilter): SQL | undefined {
  return and(
    f.actorId ? eq(auditEvents.actorId, f.actorId) : undefined,
    f.actorText ? ilike(auditEvents.actorLabel, likePattern(f.actorText)) : undefined,
    f.action
      ? f.action.endsWith(".")
        ? like(auditEvents.action, `${likePattern(f.action).slice(1, -1)}%`)
        : eq(auditEvents.action, f.action)
      : undefined,
    f.subject ? eq(auditEvents.subject, f.subject) : undefined,
    f.from ? sql`${auditEvents.at} >= (${f.from}::date::timestamp at time zone 'Europe/Paris')` : undefined,
    f.to ? sql`${auditEvents.at} < ((${f.to}::date + 1)::timestamp at time zone 'Europe/Paris')` : undefined,
  );
}

export async function searchAudit(db: Db, filter: AuditFilter, page: { limit: number; offset: number }) {
  const where = whereOf(filter);
  const [rows, [total], actions] = await Promise.all([
    db.select().from(auditEvents).where(where).orderBy(desc(auditEvents.at), desc(auditEvents.id)).limit(page.limit).offset(page.offset),
    db.select({ n: count() }).from(auditEvents).where(where),
    db.selectDistinct({ action: auditEvents.action }).from(auditEvents).orderBy(asc(auditEvents.action)),
  ]);
  return { rows, total: total?.n ?? 0, actions: actions.map((a) => a.action) };
}

/** The names of the subjects of a page, each kind in one query. */
export async function subjectNames(db: Db, ids: { users: string[]; tokens: string[]; ateliers: string[]; territories: string[] }) {
  const [userRows, tokenRows, atelierRows, territoryRows] = await Promise.all([
    ids.users.length
      ? db.select({ id: users.id, displayName: users.displayName, email: users.email }).from(users).where(inArray(users.id, ids.users))
      : [],
    ids.tokens.length
      ? db
          .select({ id: apiTokens.id, label: apiTokens.label, prefix: apiTokens.prefix, owner: users.displayName })
          .from(apiTokens)
          .innerJoin(users, eq(users.id, apiTokens.userId))
          .where(inArray(apiTokens.id, ids.tokens))
      : [],
    ids.ateliers.length
      ? db.select({ code: ateliers.code, name: ateliers.name }).from(ateliers).where(inArray(ateliers.code, ids.ateliers))
      : [],
    ids.territories.length
      ? db.select({ code: territories.code, name: territories.name }).from(territories).where(inArray(territories.code, ids.territories))
      : [],
  ]);
  const names: SubjectNames = {
    users: new Map(userRows.map((u) => [u.id, u])),
    tokens: new Map(tokenRows.map((t) => [t.id, t])),
    ateliers: new Map(atelierRows.map((a) => [a.code, a.name])),
    territories: new Map(territoryRows.map((t) => [t.code, t.name])),
  };
  return names;
}
