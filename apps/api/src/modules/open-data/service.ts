/**
 * The open data (domain page, section 7.5): for each closed calendar year,
 * the six contract indicators of the nation and of each territory that year,
 * official basis, computed by the same code as GET /api/indicators. Nothing
 * is published before a year is closed; a closed year that disappeared from
 * closed_years disappears from here at the next request.
 */
import { createHash } from "node:crypto";
import {
  OPEN_DATA_COLUMNS,
  OPEN_DATA_LICENCE,
  OPEN_DATA_NATIONAL_CODE,
  OPEN_DATA_PRODUCER,
  snakeCase,
  type TIndicators,
  type TOpenDataIndicators,
  type TOpenDataRow,
  type TOpenDataSchema,
} from "@enquete/contract";
import type { Config } from "../../config.ts";
import type { Db } from "../../db/client.ts";
import { computeIndicators } from "../indicators/service.ts";
import { currentSettings } from "../settings/service.ts";
import * as repo from "./repository.ts";

export const SCHEMA_PATH = "/api/open-data/schema.json";
export const CSV_PATH = "/api/open-data/indicators.csv";
export const JSON_PATH = "/api/open-data/indicators.json";
export const PAGE_PATH = "/donnees-ouvertes";

/** A file ready to send: its bytes are built once per publication, with their validator. */
export interface PublishedFile {
  body: Buffer;
  etag: string;
}

export interface Publication {
  data: TOpenDataIndicators;
  json: PublishedFile;
  csv: PublishedFile;
}

const file = (text: string): PublishedFile => {
  const body = Buffer.from(text, "utf8");
  return { body, etag: `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"` };
};

function rowsOf(year: number, scope: { type: TOpenDataRow["scopeType"]; code: string }, body: TIndicators): TOpenDataRow[] {
  return body.indicators.map((i) => ({
    year,
    scopeType: scope.type,
    scopeCode: scope.code,
    scopeName: body.scopeLabel,
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
    completenessExpected: body.completeness.expected,
    completenessValidated: body.completeness.validated,
  }));
}

async function compute(db: Db, config: Config, stamp: repo.PublicationStamp): Promise<TOpenDataIndicators> {
  const { dueDay, forms } = await currentSettings(db, config, stamp.revision);
  const rows: TOpenDataRow[] = [];
  for (const { year } of stamp.closedYears) {
    // One year after the other: a cold cache after a closing must not take every connection of the pool.
    const ask = (scope: string) => computeIndicators(db, { scope, year, yearType: "calendar", basis: "official" }, { dueDay, forms });
    rows.push(...rowsOf(year, { type: "national", code: OPEN_DATA_NATIONAL_CODE }, await ask("national")));
    for (const territory of await repo.territoriesOfYear(db, year)) {
      rows.push(...rowsOf(year, { type: "territoire", code: territory.code }, await ask(`territory:${territory.code}`)));
    }
  }
  return {
    licence: { ...OPEN_DATA_LICENCE },
    producer: OPEN_DATA_PRODUCER,
    schema: `${config.publicUrl}${SCHEMA_PATH}`,
    generatedAt: new Date().toISOString(),
    years: stamp.closedYears.map((c) => ({ year: c.year, from: `${c.year}-01`, to: `${c.year}-12`, closedAt: c.closedAt.toISOString() })),
    rows,
  };
}

/** A CSV cell for scripts: a dot decimal, empty for null, quoted only when the text needs it (RFC 4180). */
function cell(value: string | number | null): string {
  if (value === null) return "";
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** UTF-8 without BOM, comma separator, dot decimal, CRLF: the conventions of open data, unlike the export for French Excel. */
export function openDataCsv(rows: readonly TOpenDataRow[]): string {
  const header = OPEN_DATA_COLUMNS.map((c) => snakeCase(c.key)).join(",");
  const lines = rows.map((row) => OPEN_DATA_COLUMNS.map((c) => cell(row[c.key])).join(","));
  return `${[header, ...lines].join("\r\n")}\r\n`;
}

interface Cached {
  key: string;
  publication: Promise<Publication>;
}
/** One publication per database handle (tests run several databases in one process), shared by the requests that arrive together. */
const caches = new WeakMap<Db, Cached>();

/**
 * The publication of the closed years, computed again only when the stamp
 * moved (a year closed, a target changed, a report of a closed year reopened
 * and validated again): anonymous requests read a copy and cannot make the
 * server recompute the indicators.
 */
export async function publication(db: Db, config: Config): Promise<Publication> {
  const stamp = await repo.publicationStamp(db);
  const key = `${stamp.revision}:${stamp.closedYears.map((c) => `${c.year}@${c.closedAt.toISOString()}`).join(",")}:${stamp.data}`;
  const cached = caches.get(db);
  if (cached && cached.key === key) return await cached.publication;
  const entry: Cached = {
    key,
    publication: compute(db, config, stamp).then((data) => ({
      data,
      json: file(JSON.stringify(data)),
      csv: file(openDataCsv(data.rows)),
    })),
  };
  caches.set(db, entry);
  // A failure (the database away) is not kept: the next request tries again.
  entry.publication.catch(() => {
    if (caches.get(db) === entry) caches.delete(db);
  });
  return await entry.publication;
}

/** The Table Schema of the CSV and of the JSON rows, with the licence. */
export function openDataSchema(config: Config): TOpenDataSchema {
  return {
    $schema: "https://frictionlessdata.io/schemas/table-schema.json",
    name: "indicateurs-enquete-atelier",
    title: "Indicateurs du contrat d'objectifs et de performance des ateliers Canopé",
    description:
      "Pour chaque année civile close par la direction nationale de Réseau Canopé, la valeur nationale et celle de chaque direction territoriale des six indicateurs du contrat établis à partir de l'enquête mensuelle des ateliers Canopé, sur les seuls rapports validés, avec la cible de l'année, la valeur de référence et la complétude (rapports attendus et validés). Une ligne par année, périmètre et indicateur.",
    countryCode: "FR",
    homepage: `${config.publicUrl}${PAGE_PATH}`,
    path: `${config.publicUrl}${SCHEMA_PATH}`,
    resources: [
      { title: "Indicateurs (CSV)", path: `${config.publicUrl}${CSV_PATH}` },
      { title: "Indicateurs (JSON)", path: `${config.publicUrl}${JSON_PATH}` },
    ],
    version: "1.0.0",
    contributors: [{ title: OPEN_DATA_PRODUCER, role: "author" }],
    licenses: [{ title: OPEN_DATA_LICENCE.name, name: "etalab-2.0", path: OPEN_DATA_LICENCE.url }],
    missingValues: [""],
    fields: OPEN_DATA_COLUMNS.map((c) => ({
      name: snakeCase(c.key),
      title: c.title,
      description: c.description,
      type: c.type,
      example: c.example,
      constraints: {
        required: c.required,
        ...(c.enum ? { enum: [...c.enum] } : {}),
        ...(c.minimum !== undefined ? { minimum: c.minimum } : {}),
      },
    })),
    primaryKey: ["year", "scope_type", "scope_code", "indicator_code"],
  };
}
