/**
 * The open data: nothing before a year is closed; once 2025 is closed, its
 * national and territorial rows are exactly GET /api/indicators' figures,
 * in JSON and in a CSV that parses back to the same numbers, described
 * column by column by the schema; no sign-in; served from a cache that moves
 * with the closed years and the figures they rest on.
 */
import {
  OPEN_DATA_COLUMNS,
  snakeCase,
  type TOpenDataIndicators,
  type TOpenDataRow,
  ZOpenDataIndicators,
  ZOpenDataSchema,
} from "@enquete/contract";
import { CONTRACT_INDICATOR_CODES } from "@enquete/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedTargets } from "../src/db/seed/targets.ts";
import { createTestApp, signInPeople } from "./helpers.ts";
import { IDF, NORMANDIE, seedFixture } from "./indicators-fixtures.ts";

let t: Awaited<ReturnType<typeof createTestApp>>;
let cookies: Record<string, string>;

beforeAll(async () => {
  t = await createTestApp({ costlyPerMinute: 1_000 });
  await seedTargets(t.db);
  await seedFixture(t.db);
  cookies = await signInPeople(t, { national: [{ role: "national" }], admin: [{ role: "admin" }] });
});
afterAll(async () => await t.close());

const anonymous = (url: string, headers: Record<string, string> = {}) => t.app.inject({ url, headers });
const as = (who: string, method: "GET" | "POST" | "PUT", url: string, payload?: object) =>
  t.app.inject({ method, url, headers: { cookie: cookies[who] ?? "" }, ...(payload === undefined ? {} : { payload }) });

async function openJson(): Promise<TOpenDataIndicators> {
  const res = await anonymous("/api/open-data/indicators.json");
  expect(res.statusCode, res.body).toBe(200);
  return ZOpenDataIndicators.parse(res.json());
}

/** RFC 4180, as a script reads the file: quoted cells may hold commas and doubled quotes. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(cell);
      cell = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += c;
  }
  if (cell !== "" || row.length > 0) rows.push([...row, cell]);
  return rows;
}

const HEADER = OPEN_DATA_COLUMNS.map((c) => snakeCase(c.key));

describe("before any year is closed", () => {
  it("publishes nothing: valid JSON with no year and no row, a CSV with its header only", async () => {
    const body = await openJson();
    expect(body.years).toEqual([]);
    expect(body.rows).toEqual([]);
    expect(body.licence).toEqual({
      name: "Licence Ouverte / Open Licence version 2.0",
      url: "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
    });
    expect(body.producer).toBe("Réseau Canopé");
    expect(body.schema).toBe(`${t.config.publicUrl}/api/open-data/schema.json`);

    const csv = await anonymous("/api/open-data/indicators.csv");
    expect(csv.statusCode).toBe(200);
    expect(csv.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(String(csv.headers["content-disposition"])).toContain('filename="indicateurs-enquete-atelier.csv"');
    expect(parseCsv(csv.body)).toEqual([HEADER]);
    // For scripts: no byte-order mark, comma separator.
    expect(csv.body.startsWith("year,scope_type,scope_code,")).toBe(true);
  });
});

describe("once 2025 is closed", () => {
  let body: TOpenDataIndicators;
  const targets = { "2-2-2": 20_000, "4-1-1": 40 } as const;

  beforeAll(async () => {
    for (const [code, value] of Object.entries(targets)) {
      expect((await as("national", "PUT", `/api/targets/${code}/2025`, { value })).statusCode).toBe(200);
    }
    // A territory created after 2025 had no atelier that year: it is not published for 2025.
    expect((await as("admin", "POST", "/api/territories", { code: "outre-mer-nouveau", name: "Outre-mer nouveau" })).statusCode).toBe(201);
    expect((await as("national", "POST", "/api/years/2025/close")).statusCode).toBe(200);
    // 2026 is not over: it cannot be closed, and stays unpublished.
    expect((await as("national", "POST", "/api/years/2026/close")).statusCode).toBe(422);
    body = await openJson();
  });

  it("names the closed year only, with its closing date", async () => {
    expect(body.years).toHaveLength(1);
    expect(body.years[0]).toMatchObject({ year: 2025, from: "2025-01", to: "2025-12" });
    expect(Date.parse(body.years[0]?.closedAt ?? "")).toBeGreaterThan(Date.now() - 60_000);
    expect(new Set(body.rows.map((r) => r.year))).toEqual(new Set([2025]));
  });

  it("has the six indicators for the nation and each territory that existed in 2025", async () => {
    const territories = (await as("national", "GET", "/api/territories")).json() as { code: string }[];
    const existing = territories.map((x) => x.code).filter((code) => code !== "outre-mer-nouveau");
    expect(existing).toHaveLength(12);
    const scopes = [...new Set(body.rows.map((r) => `${r.scopeType}:${r.scopeCode}`))].sort();
    expect(scopes).toEqual(["national:FR", ...existing.map((c) => `territoire:${c}`)].sort());
    for (const scope of scopes) {
      const codes = body.rows.filter((r) => `${r.scopeType}:${r.scopeCode}` === scope).map((r) => r.indicatorCode);
      expect(codes, scope).toEqual(CONTRACT_INDICATOR_CODES);
    }
    expect(body.rows.every((r) => r.basis === "validated")).toBe(true);
  });

  it("gives exactly GET /api/indicators' official figures, targets and completeness", async () => {
    const scopes = [...new Set(body.rows.map((r) => r.scopeCode))];
    for (const code of scopes) {
      const scope = code === "FR" ? "national" : `territory:${code}`;
      const res = await as("national", "GET", `/api/indicators?scope=${scope}&year=2025&basis=official`);
      expect(res.statusCode).toBe(200);
      const api = res.json() as {
        scopeLabel: string;
        completeness: { expected: number; validated: number };
        indicators: {
          code: string;
          label: string;
          unit: string;
          value: number | null;
          numerator?: number;
          denominator?: number;
          target?: number;
          reached?: number | null;
          baseline?: number;
          baselineYear?: number;
        }[];
      };
      const rows = body.rows.filter((r) => r.scopeCode === code);
      expect(rows.map((r) => r.indicatorCode)).toEqual(api.indicators.map((i) => i.code));
      for (const [n, i] of api.indicators.entries()) {
        expect(rows[n], `${scope} ${i.code}`).toEqual({
          year: 2025,
          scopeType: code === "FR" ? "national" : "territoire",
          scopeCode: code,
          scopeName: api.scopeLabel,
          indicatorCode: i.code,
          indicatorLabel: i.label,
          unit: i.unit,
          value: i.value,
          numerator: i.numerator ?? null,
          denominator: i.denominator ?? null,
          target: i.target ?? null,
          targetReached: i.reached ?? null,
          baseline: i.baseline ?? null,
          baselineYear: i.baselineYear ?? null,
          basis: "validated",
          completenessExpected: api.completeness.expected,
          completenessValidated: api.completeness.validated,
        });
      }
    }
  });

  it("carries real figures: the fixture's validated reports, the targets set for 2025", async () => {
    const row = (scope: string, code: string) => body.rows.find((r) => r.scopeCode === scope && r.indicatorCode === code) as TOpenDataRow;
    // 2-2-2 nationally: atelier 14 (10·m visitors + 3 off site each month) and 50's validated May (1000).
    const visitors = Array.from({ length: 12 }, (_, i) => 10 * (i + 1) + 3).reduce((a, b) => a + b, 0) + 1000;
    expect(row("FR", "2-2-2")).toMatchObject({ value: visitors, target: 20_000, completenessValidated: 12 + 12 + 1 + 2 + 3 });
    expect(row("FR", "2-2-2").targetReached).toBeCloseTo((visitors / 20_000) * 100, 2);
    // A share's target shows for a territory too; a count's is national only.
    expect(row(NORMANDIE, "4-1-1").target).toBe(40);
    expect(row(NORMANDIE, "2-2-2").target).toBeNull();
    expect(row(IDF, "3-4").value).toBe(1000 + 1 + 2);
    expect(row("FR", "1-1").baseline).toBe(87_325);
    expect(row("FR", "1-1").baselineYear).toBe(2016);
    // A territory with no report counted has no value (not 0), and says how many were expected.
    const empty = body.rows.find((r) => r.scopeCode === "auvergne-rhone-alpes" && r.indicatorCode === "1-4") as TOpenDataRow;
    expect(empty.value).toBeNull();
    expect(empty.completenessValidated).toBe(0);
    expect(empty.completenessExpected).toBeGreaterThan(0);
  });

  it("gives the same rows in the CSV, which parses back to the same numbers", async () => {
    const res = await anonymous("/api/open-data/indicators.csv");
    expect(res.statusCode).toBe(200);
    const [header, ...lines] = parseCsv(res.body);
    expect(header).toEqual(HEADER);
    expect(lines).toHaveLength(body.rows.length);
    const numeric = new Set(OPEN_DATA_COLUMNS.filter((c) => c.type !== "string").map((c) => c.key));
    for (const [n, line] of lines.entries()) {
      const back = Object.fromEntries(
        OPEN_DATA_COLUMNS.map((c, i) => {
          const text = line[i] as string;
          return [c.key, numeric.has(c.key) ? (text === "" ? null : Number(text)) : text];
        }),
      );
      expect(back).toEqual(body.rows[n]);
    }
    // Dot decimals, never a French comma inside a number.
    expect(lines.some((l) => /^\d+\.\d+$/.test(l[HEADER.indexOf("value")] ?? ""))).toBe(true);
  });

  it("describes every CSV column and every JSON row key in its schema, with the licence", async () => {
    const res = await anonymous("/api/open-data/schema.json");
    expect(res.statusCode).toBe(200);
    expect(res.headers["cache-control"]).toBe("public, max-age=3600");
    const schema = ZOpenDataSchema.parse(res.json());
    const names = schema.fields.map((f) => f.name);
    expect(names).toEqual(HEADER);
    expect(names).toEqual(Object.keys(body.rows[0] as object).map(snakeCase));
    for (const field of schema.fields) {
      expect(field.title, field.name).not.toBe("");
      expect(field.description.length, field.name).toBeGreaterThan(10);
      expect(["integer", "number", "string", "year"]).toContain(field.type);
      // Each example is a value its column accepts.
      if (field.constraints.enum) expect(field.constraints.enum, field.name).toContain(field.example);
      if (field.type !== "string") expect(Number.isFinite(Number(field.example)), field.name).toBe(true);
    }
    // Every value published fits its column's declared constraints.
    for (const row of body.rows) {
      for (const field of schema.fields) {
        const value = row[OPEN_DATA_COLUMNS[names.indexOf(field.name)]?.key as keyof TOpenDataRow];
        if (field.constraints.required) expect(value, field.name).not.toBeNull();
        if (value !== null && field.constraints.enum) expect(field.constraints.enum).toContain(String(value));
      }
    }
    expect(schema.licenses).toEqual([
      {
        title: "Licence Ouverte / Open Licence version 2.0",
        name: "etalab-2.0",
        path: "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
      },
    ]);
    expect(schema.resources.map((r) => r.path)).toEqual([
      `${t.config.publicUrl}/api/open-data/indicators.csv`,
      `${t.config.publicUrl}/api/open-data/indicators.json`,
    ]);
  });

  it("needs no sign-in, and is cached publicly for an hour", async () => {
    for (const url of ["/api/open-data/indicators.json", "/api/open-data/indicators.csv", "/api/open-data/schema.json"]) {
      const res = await anonymous(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.headers["set-cookie"], url).toBeUndefined();
      expect(res.headers["cache-control"], url).toBe("public, max-age=3600");
    }
    // A signed-in person reads the same file.
    const signedIn = await as("national", "GET", "/api/open-data/indicators.json");
    expect(signedIn.json()).toEqual(body);
  });

  it("serves quick requests from its cache, and says when nothing changed (ETag)", async () => {
    const first = await anonymous("/api/open-data/indicators.json");
    const second = await anonymous("/api/open-data/indicators.json");
    // Computed once: the same calculation time, the same bytes, the same validator.
    expect(second.json().generatedAt).toBe(first.json().generatedAt);
    expect(second.json().generatedAt).toBe(body.generatedAt);
    expect(second.body).toBe(first.body);
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(second.headers.etag).toBe(etag);
    const notModified = await anonymous("/api/open-data/indicators.json", { "if-none-match": etag });
    expect(notModified.statusCode).toBe(304);
    expect(notModified.body).toBe("");
    const csv = await anonymous("/api/open-data/indicators.csv");
    expect(csv.headers.etag).not.toBe(etag);
    expect((await anonymous("/api/open-data/indicators.csv", { "if-none-match": String(csv.headers.etag) })).statusCode).toBe(304);
  });

  it("is computed again when the figures of a closed year move: a target changed, a report reopened", async () => {
    expect((await as("national", "PUT", "/api/targets/2-2-2/2025", { value: 25_000 })).statusCode).toBe(200);
    const retargeted = await openJson();
    expect(retargeted.generatedAt).not.toBe(body.generatedAt);
    const national = (b: TOpenDataIndicators, code: string) => b.rows.find((r) => r.scopeCode === "FR" && r.indicatorCode === code);
    expect(national(retargeted, "2-2-2")?.target).toBe(25_000);

    // The national team reopens a validated report of the closed year: it no longer counts until validated again.
    const reopen = await as("national", "POST", "/api/reports/50/2025-05/reopen", { reason: "Chiffre de mai à vérifier." });
    expect(reopen.statusCode, reopen.body).toBe(200);
    const reopened = await openJson();
    expect(national(reopened, "2-2-2")?.completenessValidated).toBe((national(retargeted, "2-2-2")?.completenessValidated ?? 0) - 1);
    expect(national(reopened, "2-2-2")?.value).toBe((national(retargeted, "2-2-2")?.value ?? 0) - 1000);
  });

  it("is computed again when the network of a closed year is corrected: an atelier opened later than recorded", async () => {
    const before = await openJson();
    const national = (b: TOpenDataIndicators) => b.rows.find((r) => r.scopeCode === "FR" && r.indicatorCode === "1-1");
    // An atelier with no report in 2025, recorded as open all year, in fact opened in July: six expected reports fewer.
    const { rows } = await t.db.$client.query<{ code: string }>(
      "select code from ateliers where opened_on <= '2025-01-01' and code not in (select atelier_code from reports where period like '2025-%') order by code limit 1",
    );
    const code = rows[0]?.code;
    expect(code).toBeDefined();
    await t.db.$client.query("update ateliers set opened_on = '2025-07-01' where code = $1", [code]);
    const after = await openJson();
    expect(after.generatedAt).not.toBe(before.generatedAt);
    expect(national(after)?.completenessExpected).toBe((national(before)?.completenessExpected ?? 0) - 6);
  });
});
