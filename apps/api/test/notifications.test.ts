/**
 * Emails end to end, with a real SMTP server in the test (smtp-server on a
 * free local port): who gets which email on which day, once, with two
 * pg-boss workers too; the notices of a decision; what happens with no SMTP
 * server, and when the server refuses.
 */
import type { AddressInfo } from "node:net";
import { FORM_V1 } from "@enquete/domain";
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { SMTPServer, type SMTPServerError } from "smtp-server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { buildApp } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";
import { createDb } from "../src/db/client.ts";
import { outbox, reports, settings } from "../src/db/schema.ts";
import { deliverOutbox, NOT_SENT_NO_SMTP } from "../src/jobs/delivery.ts";
import { queueDigests } from "../src/jobs/digest.ts";
import type { JobLog } from "../src/jobs/log.ts";
import { createMailer } from "../src/jobs/mailer.ts";
import { queueReminders } from "../src/jobs/reminders.ts";
import { QUEUES, type Scheduler, startScheduler } from "../src/jobs/scheduler.ts";
import { buildUser, createTestDatabase, signIn } from "./helpers.ts";

// ---------------------------------------------------------------- SMTP server

const SMTP_USER = "enquete";
const SMTP_PASSWORD = "mot-de-passe-smtp";

interface Received {
  from: string | null;
  to: string[];
  user: string | null;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
}

const qpBytes = (s: string) =>
  s.replace(/=\r?\n/g, "").replace(/=([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(Number.parseInt(h, 16)));
const utf8 = (latin1: string) => Buffer.from(latin1, "latin1").toString("utf8");

/** RFC 2047 encoded words, decoded to bytes first so that a character split over two words survives. */
function decodeHeader(value: string): string {
  const bytes = value
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?[^?]+\?([QqBb])\?([^?]*)\?=/g, (_, enc: string, text: string) =>
      enc.toUpperCase() === "B" ? Buffer.from(text, "base64").toString("latin1") : qpBytes(text.replaceAll("_", " ")),
    );
  return utf8(bytes);
}

function parseHeaders(head: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const i = line.indexOf(":");
    if (i > 0) out[line.slice(0, i).trim().toLowerCase()] = decodeHeader(line.slice(i + 1).trim());
  }
  return out;
}

function splitHead(raw: string): [string, string] {
  const m = /\r?\n\r?\n/.exec(raw);
  return m ? [raw.slice(0, m.index), raw.slice(m.index + m[0].length)] : [raw, ""];
}

function partsOf(headers: Record<string, string>, body: string): { type: string; content: string }[] {
  const type = headers["content-type"] ?? "text/plain";
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (type.startsWith("multipart/") && boundary) {
    return body
      .split(`--${boundary}`)
      .slice(1, -1)
      .flatMap((part) => {
        const [h, b] = splitHead(part.replace(/^\r?\n/, ""));
        return partsOf(parseHeaders(h), b);
      });
  }
  const cte = (headers["content-transfer-encoding"] ?? "").toLowerCase();
  const content =
    cte === "quoted-printable"
      ? utf8(qpBytes(body))
      : cte === "base64"
        ? Buffer.from(body.replace(/\s/g, ""), "base64").toString("utf8")
        : utf8(body);
  return [{ type, content: content.replace(/\r\n/g, "\n").trimEnd() }];
}

function parseMessage(raw: string) {
  const [head, body] = splitHead(raw);
  const headers = parseHeaders(head);
  const parts = partsOf(headers, body);
  return {
    headers,
    subject: headers.subject ?? "",
    text: parts.find((p) => p.type.startsWith("text/plain"))?.content ?? "",
    html: parts.find((p) => p.type.startsWith("text/html"))?.content ?? "",
  };
}

async function startSmtp() {
  const received: Received[] = [];
  const refused = new Set<string>();
  const server = new SMTPServer({
    // Plain text on a local port: no STARTTLS (its test certificate would be refused), login allowed in clear.
    disabledCommands: ["STARTTLS"],
    allowInsecureAuth: true,
    authOptional: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === SMTP_USER && auth.password === SMTP_PASSWORD) return callback(null, { user: auth.username });
      callback(new Error("Identifiants refusés"));
    },
    onRcptTo(address, _session, callback) {
      if (!refused.has(address.address)) return callback();
      const error: SMTPServerError = new Error("Boîte aux lettres inconnue");
      error.responseCode = 550;
      callback(error);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        received.push({
          ...parseMessage(Buffer.concat(chunks).toString("latin1")),
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
          to: session.envelope.rcptTo.map((a) => a.address),
          user: (session.user as string | undefined) ?? null,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { port, received, refused, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

// ---------------------------------------------------------------- the platform

const PUBLIC_URL = "https://enquete.exemple.fr";
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let url: string;
let t: { app: Awaited<ReturnType<typeof buildApp>>; db: ReturnType<typeof createDb>["db"]; pool: ReturnType<typeof createDb>["pool"] };
let config: ReturnType<typeof loadConfig>;
const people: Record<string, { id: string; email: string; cookie?: string }> = {};

function captureLog() {
  const lines: { level: string; fields: Record<string, unknown>; message: string }[] = [];
  const at = (level: string) => (fields: object, message: string) =>
    void lines.push({ level, fields: fields as Record<string, unknown>, message });
  const log: JobLog = { info: at("info"), warn: at("warn"), error: at("error") };
  return { lines, log };
}

const quiet = captureLog().log;
const deliver = async (mailerConfig = config) => {
  const mailer = createMailer(mailerConfig, quiet);
  try {
    return await deliverOutbox(t.db, { mailer, publicUrl: mailerConfig.publicUrl, log: quiet });
  } finally {
    mailer.close();
  }
};

const TERRITORY: Record<string, string> = {
  "86": "aquitaine-limousin-poitou-charentes",
  "17": "aquitaine-limousin-poitou-charentes",
  "33": "aquitaine-limousin-poitou-charentes",
  "14": "normandie",
  "22": "bretagne-pays-de-la-loire",
};

async function setReport(atelierCode: string, period: string, status: "draft" | "submitted" | "returned" | "validated") {
  const submittedAt = status === "draft" ? null : new Date("2026-12-05T09:30:00Z");
  await t.db
    .insert(reports)
    .values({ atelierCode, period, territoryCode: TERRITORY[atelierCode] ?? "", status, formVersion: FORM_V1.version, submittedAt })
    .onConflictDoUpdate({
      target: [reports.atelierCode, reports.period],
      set: { status, submittedAt, version: sql`${reports.version} + 1` },
    });
}

const outboxRows = async () => await t.db.select().from(outbox).orderBy(outbox.id);
const inbox = (email: string) => smtp.received.filter((m) => m.to.includes(email));
const api = (who: string, method: "GET" | "PUT" | "POST", path: string, payload?: object) =>
  t.app.inject({ method, url: path, payload, headers: { cookie: people[who]?.cookie ?? "" } });

beforeAll(async () => {
  smtp = await startSmtp();
  url = await createTestDatabase();
  const { db, pool } = createDb(url, { max: 5 });
  config = loadConfig({
    NODE_ENV: "test",
    DATABASE_URL: url,
    WEB_DIST: "",
    SMTP_HOST: "127.0.0.1",
    SMTP_PORT: String(smtp.port),
    SMTP_USER,
    SMTP_PASSWORD,
    PUBLIC_URL: `${PUBLIC_URL}/`,
  });
  const app = await buildApp({ config, db });
  await app.ready();
  t = { app, db, pool };
  const grants = {
    a86: [{ role: "atelier", atelierCode: "86" }],
    a86quiet: [{ role: "atelier", atelierCode: "86" }],
    a17: [{ role: "atelier", atelierCode: "17" }],
    a33: [{ role: "atelier", atelierCode: "33" }],
    a14: [{ role: "atelier", atelierCode: "14" }],
    a22: [{ role: "atelier", atelierCode: "22" }],
    dtAlpc: [{ role: "territory", territoryCode: "aquitaine-limousin-poitou-charentes" }],
    dtNormandie: [{ role: "territory", territoryCode: "normandie" }],
    dtBretagne: [{ role: "territory", territoryCode: "bretagne-pays-de-la-loire" }],
    national: [{ role: "national" }],
    admin: [{ role: "admin" }],
  } as const;
  for (const [name, g] of Object.entries(grants)) {
    const u = await buildUser(db, { grants: [...g], displayName: `Personne ${name}`, email: `${name.toLowerCase()}@exemple.test` });
    people[name] = { id: u.id, email: u.email, cookie: (await signIn(app, u.email, u.password)).cookie };
  }
  const gone = await buildUser(db, { grants: [{ role: "atelier", atelierCode: "86" }], active: false, email: "a86gone@exemple.test" });
  people.a86gone = { id: gone.id, email: gone.email };
  // Turned off by the users themselves, through the API.
  expect(
    (await api("a86quiet", "PUT", "/api/me/notifications", { preferences: { reminders: false, report_validated: false } })).statusCode,
  ).toBe(200);
  expect((await api("dtBretagne", "PUT", "/api/me/notifications", { preferences: { digest: false } })).statusCode).toBe(200);
});

afterAll(async () => {
  await t?.app.close();
  await t?.pool.end();
  await smtp?.close();
});

beforeEach(async () => {
  await t.db.delete(outbox);
  smtp.received.length = 0;
  smtp.refused.clear();
});

// ---------------------------------------------------------------- reminders

describe("reminders (November 2026, due on Thursday 10 December)", () => {
  beforeAll(async () => {
    await setReport("17", "2026-11", "draft");
    await setReport("33", "2026-11", "returned");
    await setReport("14", "2026-11", "submitted");
    await setReport("22", "2026-11", "validated");
  });

  it("three days before: to each director whose report is not submitted, once, even when the job runs twice", async () => {
    expect(await queueReminders(t.db, config, "2026-12-07")).toEqual({ before: 3, after: 0 });
    expect(await queueReminders(t.db, config, "2026-12-07")).toEqual({ before: 0, after: 0 });
    expect(await deliver()).toEqual({ sent: 3, failed: 0, logged: 0 });
    expect(await deliver()).toEqual({ sent: 0, failed: 0, logged: 0 });

    // 86 not started, 17 draft, 33 returned; not 14 (submitted), 22 (validated), nor who turned reminders off, nor a closed account.
    expect(smtp.received.flatMap((m) => m.to).sort()).toEqual([people.a17?.email, people.a33?.email, people.a86?.email].sort());
    const [mail] = inbox(people.a86?.email ?? "");
    expect(mail?.subject).toBe("Rappel : rapport de novembre 2026 à soumettre avant le 10 décembre (atelier 86)");
    expect(mail?.text).toContain("au plus tard le jeudi 10 décembre 2026");
    expect(mail?.text).toContain("Atelier Canopé 86 – Poitiers");
    expect(mail?.text).toContain(`${PUBLIC_URL}/ateliers/86/rapports/2026-11`);
    expect(mail?.text).toContain("désactiver ces messages dans votre profil");
    expect(mail?.html).toContain(`<a href="${PUBLIC_URL}/ateliers/86/rapports/2026-11"`);
    expect(mail?.from).toBe("ne-pas-repondre@reseau-canope.fr");
    expect(mail?.headers.from).toBe("Enquête atelier <ne-pas-repondre@reseau-canope.fr>");
    expect(mail?.headers["auto-submitted"]).toBe("auto-generated");
    expect(mail?.user).toBe(SMTP_USER);
    expect(inbox(people.a33?.email ?? "")[0]?.text).toContain("renvoyé pour correction");

    const rows = await outboxRows();
    expect(rows.map((r) => r.dedupeKey).sort()).toEqual(
      [
        `reminder:before:17:2026-11:${people.a17?.id}`,
        `reminder:before:33:2026-11:${people.a33?.id}`,
        `reminder:before:86:2026-11:${people.a86?.id}`,
      ].sort(),
    );
    expect(rows.every((r) => r.sentAt !== null && r.attempts === 1 && r.lastError === null && r.link?.startsWith("/ateliers/"))).toBe(true);
  });

  it("nothing on the other days", async () => {
    for (const day of ["2026-12-01", "2026-12-06", "2026-12-08", "2026-12-09", "2026-12-10", "2026-12-12", "2026-12-31"]) {
      expect(await queueReminders(t.db, config, day), day).toEqual({ before: 0, after: 0 });
    }
    expect(await outboxRows()).toHaveLength(0);
  });

  it("the day after the due date: to those still not submitted, once", async () => {
    await setReport("17", "2026-11", "submitted");
    expect(await queueReminders(t.db, config, "2026-12-11")).toEqual({ before: 0, after: 2 });
    expect(await queueReminders(t.db, config, "2026-12-11")).toEqual({ before: 0, after: 0 });
    await deliver();
    expect(smtp.received.flatMap((m) => m.to).sort()).toEqual([people.a33?.email, people.a86?.email].sort());
    const [mail] = inbox(people.a86?.email ?? "");
    expect(mail?.subject).toBe("Rapport de novembre 2026 en retard : il était attendu le 10 décembre (atelier 86)");
    expect(mail?.text).toContain(`${PUBLIC_URL}/ateliers/86/rapports/2026-11`);
  });

  it("follows the national due day when it is set", async () => {
    await t.db.insert(settings).values({ key: "dueDay", value: 15 });
    try {
      expect(await queueReminders(t.db, config, "2027-02-07")).toEqual({ before: 0, after: 0 });
      const queued = await queueReminders(t.db, config, "2027-02-12");
      expect(queued.before).toBeGreaterThan(0);
      await deliver();
      expect(inbox(people.a86?.email ?? "")[0]?.subject).toBe(
        "Rappel : rapport de janvier 2027 à soumettre avant le 15 février (atelier 86)",
      );
    } finally {
      await t.db.delete(settings).where(eq(settings.key, "dueDay"));
    }
  });
});

// ---------------------------------------------------------------- daily digest

describe("the daily digest of the territorial directors", () => {
  beforeAll(async () => {
    await setReport("86", "2026-10", "submitted");
    await setReport("17", "2026-10", "submitted");
    await setReport("33", "2026-10", "validated");
    await setReport("14", "2026-10", "submitted");
    await setReport("22", "2026-10", "submitted");
  });
  afterAll(async () => {
    await t.db.delete(reports).where(eq(reports.period, "2026-10"));
  });

  it("lists what waits in the territory, once a day, and not to who turned it off", async () => {
    // November: 14 and 17 were left submitted by the reminders above.
    expect(await queueDigests(t.db, "2026-12-14")).toBe(2);
    expect(await queueDigests(t.db, "2026-12-14")).toBe(0);
    await deliver();
    expect(smtp.received.flatMap((m) => m.to).sort()).toEqual([people.dtAlpc?.email, people.dtNormandie?.email].sort());
    const alpc = inbox(people.dtAlpc?.email ?? "")[0];
    expect(alpc?.subject).toBe("3 rapports attendent votre examen");
    expect(alpc?.text).toContain("- octobre 2026 : Atelier Canopé 17 – La Rochelle, soumis le 5 décembre");
    expect(alpc?.text).toContain("- octobre 2026 : Atelier Canopé 86 – Poitiers, soumis le 5 décembre");
    expect(alpc?.text).toContain("- novembre 2026 : Atelier Canopé 17 – La Rochelle");
    expect(alpc?.text).not.toContain("Bordeaux");
    expect(alpc?.text).toContain(`${PUBLIC_URL}/\n`);
    expect(inbox(people.dtNormandie?.email ?? "")[0]?.subject).toBe("2 rapports attendent votre examen");
    expect((await outboxRows()).map((r) => r.dedupeKey)).toContain(`digest:2026-12-14:${people.dtAlpc?.id}`);
  });

  it("comes again the next day, and not at all when nothing waits", async () => {
    await setReport("14", "2026-10", "validated");
    await setReport("14", "2026-11", "validated");
    expect(await queueDigests(t.db, "2026-12-15")).toBe(1);
    await deliver();
    expect(smtp.received.flatMap((m) => m.to)).toEqual([people.dtAlpc?.email]);
  });
});

// ---------------------------------------------------------------- decisions

describe("return and validation notices", () => {
  const PERIOD = "2026-09";
  beforeAll(async () => await setReport("86", PERIOD, "submitted"));

  it("a return goes to every director of the atelier, with the comment and the link, even to who turned notices off", async () => {
    const comment = "Les journées stagiaires hors les murs semblent comptées deux fois : vérifiez-les.";
    const res = await api("dtAlpc", "POST", `/api/reports/86/${PERIOD}/return`, { comment });
    expect(res.statusCode).toBe(200);
    const rows = await outboxRows();
    expect(rows.map((r) => [r.kind, r.toEmail]).sort()).toEqual([
      ["report_returned", people.a86?.email],
      ["report_returned", people.a86quiet?.email],
    ]);
    await deliver();
    expect(smtp.received.flatMap((m) => m.to).sort()).toEqual([people.a86?.email, people.a86quiet?.email].sort());
    const [mail] = inbox(people.a86?.email ?? "");
    expect(mail?.subject).toBe("Rapport de septembre 2026 renvoyé pour correction (atelier 86)");
    expect(mail?.text).toContain("Personne dtAlpc vous a renvoyé le rapport d'activité de septembre 2026");
    expect(mail?.text).toContain(`« ${comment} »`);
    expect(mail?.text).toContain(`Corriger le rapport : ${PUBLIC_URL}/ateliers/86/rapports/${PERIOD}`);
    expect(mail?.text).toContain("indispensable");
    expect(mail?.html).toContain("vérifiez-les.");
  });

  it("a validation goes to the directors who want it", async () => {
    await setReport("86", PERIOD, "submitted");
    expect((await api("dtAlpc", "POST", `/api/reports/86/${PERIOD}/validate`)).statusCode).toBe(200);
    await deliver();
    expect(smtp.received.flatMap((m) => m.to)).toEqual([people.a86?.email]);
    expect(smtp.received[0]?.subject).toBe("Rapport de septembre 2026 validé (atelier 86)");
    expect(smtp.received[0]?.text).toContain(`Voir le rapport : ${PUBLIC_URL}/ateliers/86/rapports/${PERIOD}`);
  });

  it("a refused transition writes no email; a national reopen does, with its reason", async () => {
    expect((await api("dtAlpc", "POST", `/api/reports/86/${PERIOD}/validate`)).statusCode).toBe(409);
    expect((await api("dtNormandie", "POST", `/api/reports/86/${PERIOD}/return`, { comment: "Non." })).statusCode).toBe(403);
    expect(await outboxRows()).toHaveLength(0);
    const reopen = await api("national", "POST", `/api/reports/86/${PERIOD}/reopen`, {
      reason: "Erreur de saisie signalée par l'atelier.",
    });
    expect(reopen.statusCode).toBe(200);
    await deliver();
    expect(smtp.received).toHaveLength(2);
    expect(smtp.received[0]?.subject).toBe("Rapport de septembre 2026 rouvert par la direction nationale (atelier 86)");
    expect(smtp.received[0]?.text).toContain("« Erreur de saisie signalée par l'atelier. »");
  });

  it("a second return of the same report is a second email", async () => {
    await setReport("86", PERIOD, "submitted");
    await api("dtAlpc", "POST", `/api/reports/86/${PERIOD}/return`, { comment: "Encore une chose." });
    await setReport("86", PERIOD, "submitted");
    await api("dtAlpc", "POST", `/api/reports/86/${PERIOD}/return`, { comment: "Et une autre." });
    const rows = await outboxRows();
    expect(rows.filter((r) => r.toEmail === people.a86?.email)).toHaveLength(2);
  });
});

// ---------------------------------------------------------------- delivery

describe("delivery", () => {
  const noSmtp = () => ({ ...config, smtp: { ...config.smtp, host: null } });

  it("with no SMTP server: the email is written to the log and stays in the outbox, unsent, with the reason", async () => {
    await setReport("33", "2026-08", "submitted");
    await api("dtAlpc", "POST", "/api/reports/33/2026-08/return", { comment: "Il manque les conventions." });
    const capture = captureLog();
    const mailer = createMailer(noSmtp(), capture.log);
    expect(await deliverOutbox(t.db, { mailer, publicUrl: PUBLIC_URL, log: capture.log })).toEqual({ sent: 0, failed: 0, logged: 1 });
    expect(smtp.received).toHaveLength(0);
    const logged = capture.lines.filter((l) => l.level === "warn");
    expect(logged).toHaveLength(1);
    expect(logged[0]?.message).toMatch(/aucun serveur SMTP/);
    expect(logged[0]?.fields).toMatchObject({ to: people.a33?.email, subject: "Rapport d'août 2026 renvoyé pour correction (atelier 33)" });
    expect(String(logged[0]?.fields.text)).toContain(`${PUBLIC_URL}/ateliers/33/rapports/2026-08`);
    expect(String(logged[0]?.fields.text)).toContain("Il manque les conventions.");
    const [row] = await outboxRows();
    expect(row).toMatchObject({ sentAt: null, attempts: 1, lastError: NOT_SENT_NO_SMTP });

    // Written to the log once, not at every run.
    expect(await deliverOutbox(t.db, { mailer, publicUrl: PUBLIC_URL, log: capture.log })).toEqual({ sent: 0, failed: 0, logged: 0 });
    expect(capture.lines.filter((l) => l.level === "warn")).toHaveLength(1);

    // The administrators see it on the outbox page.
    const page = await api("admin", "GET", "/api/outbox");
    expect(page.json().items[0]).toMatchObject({
      kind: "report_returned",
      to: people.a33?.email,
      status: "failed",
      sentAt: null,
      attempts: 1,
      lastError: NOT_SENT_NO_SMTP,
      link: "/ateliers/33/rapports/2026-08",
    });

    // Not lost: once a server is configured, it goes at its next turn.
    await t.db.update(outbox).set({ createdAt: sql`now() - interval '2 minutes'` });
    expect(await deliver()).toEqual({ sent: 1, failed: 0, logged: 0 });
    expect(inbox(people.a33?.email ?? "")[0]?.text).toContain("Il manque les conventions.");
  });

  it("a refused recipient is retried later with backoff; the others are sent", async () => {
    expect(await queueReminders(t.db, config, "2026-09-07")).toMatchObject({ before: 5 });
    smtp.refused.add(people.a22?.email ?? "");
    expect(await deliver()).toEqual({ sent: 4, failed: 1, logged: 0 });
    const failed = (await outboxRows()).find((r) => r.toEmail === people.a22?.email);
    expect(failed).toMatchObject({ sentAt: null, attempts: 1 });
    expect(failed?.lastError).toMatch(/EENVELOPE.*550|550.*Boîte/);
    // Not again at once: the next attempt waits a minute.
    smtp.refused.clear();
    expect(await deliver()).toEqual({ sent: 0, failed: 0, logged: 0 });
    await t.db.update(outbox).set({ createdAt: sql`now() - interval '90 seconds'` }).where(isNull(outbox.sentAt));
    expect(await deliver()).toEqual({ sent: 1, failed: 0, logged: 0 });
    const sent = (await outboxRows()).find((r) => r.toEmail === people.a22?.email);
    expect(sent).toMatchObject({ attempts: 2, lastError: null });
    expect(sent?.sentAt).not.toBeNull();
  });

  it("an unreachable server stops the run after one failure, and each failure is recorded", async () => {
    await queueReminders(t.db, config, "2026-09-07");
    const down = { ...config, smtp: { ...config.smtp, host: "127.0.0.1", port: 1 } };
    expect(await deliver(down)).toEqual({ sent: 0, failed: 1, logged: 0 });
    const rows = await outboxRows();
    expect(rows.filter((r) => r.attempts === 1 && r.lastError?.startsWith("Échec de l'envoi SMTP"))).toHaveLength(1);
    expect(rows.filter((r) => r.attempts === 0)).toHaveLength(rows.length - 1);
  });

  it("two deliveries at the same time never send the same email twice (rows are locked, the other skips them)", async () => {
    await queueReminders(t.db, config, "2026-09-07");
    const second = createDb(url, { max: 2 });
    try {
      const other = createMailer(config, quiet);
      const mine = createMailer(config, quiet);
      const [a, b] = await Promise.all([
        deliverOutbox(t.db, { mailer: mine, publicUrl: PUBLIC_URL, log: quiet }),
        deliverOutbox(second.db, { mailer: other, publicUrl: PUBLIC_URL, log: quiet }),
      ]);
      other.close();
      mine.close();
      expect(a.sent + b.sent).toBe(5);
      expect(smtp.received).toHaveLength(5);
      expect(new Set(smtp.received.flatMap((m) => m.to)).size).toBe(5);
    } finally {
      await second.pool.end();
    }
  });
});

// ---------------------------------------------------------------- pg-boss

describe("through pg-boss, with two workers running at the same time", () => {
  const schedulers: Scheduler[] = [];
  const pools: ReturnType<typeof createDb>[] = [];
  afterAll(async () => {
    for (const s of schedulers) await s.stop();
    for (const p of pools) await p.pool.end();
  });

  async function waitFor(check: () => Promise<boolean>, what: string, ms = 20_000) {
    const until = Date.now() + ms;
    while (Date.now() < until) {
      if (await check()) return;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`timed out waiting for ${what}`);
  }

  it("each email is written and sent once, whichever worker takes each job", async () => {
    await setReport("14", "2027-03", "submitted");
    await setReport("17", "2026-11", "validated");
    for (let i = 0; i < 2; i++) {
      const worker = createDb(url, { max: 4 });
      pools.push(worker);
      schedulers.push(
        await startScheduler({ pool: worker.pool, db: worker.db, config, log: quiet, schedule: false, pollingIntervalSeconds: 0.5 }),
      );
    }
    const [one, two] = schedulers as [Scheduler, Scheduler];
    // Both processes' crons fire for the same day: the same job twice, one on each worker.
    await Promise.all([
      one.boss.send(QUEUES.reminders, { today: "2027-04-07" }),
      two.boss.send(QUEUES.reminders, { today: "2027-04-07" }),
      one.boss.send(QUEUES.digest, { today: "2027-04-07" }),
      two.boss.send(QUEUES.digest, { today: "2027-04-07" }),
    ]);
    // 2027-03: everyone but 14 (submitted) and who turned reminders off; digests: Normandie waits for 14.
    const expected = ["a86", "a17", "a33", "a22"].map((p) => people[p]?.email).concat(people.dtNormandie?.email);
    const done = async () => {
      const rows = await outboxRows();
      return rows.length >= expected.length && rows.every((r) => r.sentAt !== null);
    };
    await waitFor(done, "every email to be sent");
    // Give a late duplicate the time to show up, if there were one.
    await new Promise((r) => setTimeout(r, 1500));
    expect(smtp.received.flatMap((m) => m.to).sort()).toEqual([...expected].sort());
    expect((await outboxRows()).every((r) => r.attempts === 1)).toBe(true);
    const jobs = await t.pool.query<{ name: string; n: number }>(
      "select name, count(*)::int as n from pgboss.job where name = any($1) and state = 'completed' group by name",
      [[QUEUES.reminders, QUEUES.digest]],
    );
    expect(Object.fromEntries(jobs.rows.map((r) => [r.name, r.n]))).toEqual({ [QUEUES.reminders]: 2, [QUEUES.digest]: 2 });
  });

  it("stops cleanly", async () => {
    const [one, two] = schedulers.splice(0) as [Scheduler, Scheduler];
    await Promise.all([one.stop(), two.stop()]);
    const before = smtp.received.length;
    await t.db.delete(outbox);
    await queueReminders(t.db, config, "2027-04-07");
    await new Promise((r) => setTimeout(r, 1000));
    expect(smtp.received.length).toBe(before);
    expect(
      (
        await t.db
          .select()
          .from(outbox)
          .where(and(isNull(outbox.sentAt), inArray(outbox.kind, ["reminder_before"])))
      ).length,
    ).toBe(4);
  });
});
