/**
 * The referential import (domain page, section 7.3; format in
 * docs/referentiel-import.md): one CSV line per change, read in order, each
 * judged by the same rules and written with the same audit as the routes.
 * The whole file runs in one transaction, each line in a savepoint, so a
 * line sees the lines before it (a territory created line 2 can receive an
 * atelier line 3). A preview, or a file with a refused line, is rolled back:
 * nothing is written unless every line is accepted.
 */
import type { TReferentialImportResult } from "@enquete/contract";
import { ATELIER_CODE_RE, LABEL_STATUSES, type LabelStatus, parsePeriod, TERRITORY_CODE_RE, territoryOn } from "@enquete/domain";
import type { Db } from "../../db/client.ts";
import { AppError } from "../../errors.ts";
import type { Caller } from "../auth/service.ts";
import { readCsv } from "../indicators/distance-learning/csv.ts";
import * as repo from "./admin-repository.ts";
import * as changes from "./changes.ts";

export const REFERENTIAL_IMPORT_MAX_LINES = 2000;

export const COLUMNS = [
  "type",
  "code",
  "nom",
  "ville",
  "departement",
  "direction_territoriale",
  "a_partir_de",
  "labellisation",
  "laboratoire",
  "espe",
] as const;
type Column = (typeof COLUMNS)[number];
const TYPES = ["direction", "atelier", "fermeture"] as const;

/** A data line: its cells by column (empty cells left out), or why its cells cannot be read. */
type Row = Partial<Record<Column, string>> & { line: number; unreadable?: string };

class LineRefused extends Error {}
class Rollback extends Error {}

const fold = (s: string) =>
  s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .trim()
    .toLowerCase();

const LABEL_WORDS: Record<string, LabelStatus> = {
  labellise: "labellise",
  en_cours: "en_cours",
  "labellisation en cours": "en_cours",
  "en cours": "en_cours",
  non_engage: "non_engage",
  "non engage": "non_engage",
};

function labelOf(raw: string): LabelStatus {
  const status = LABEL_WORDS[fold(raw)];
  if (!status) {
    throw new LineRefused(`labellisation « ${raw} » inconnue : attendu ${LABEL_STATUSES.join(", ")} (ou Labellisé, En cours, Non engagé)`);
  }
  return status;
}

function yesNoOf(raw: string, column: string): boolean {
  const v = fold(raw);
  if (["oui", "1", "vrai"].includes(v)) return true;
  if (["non", "0", "faux"].includes(v)) return false;
  throw new LineRefused(`${column} « ${raw} » : attendu oui ou non`);
}

function monthOf(raw: string | undefined, required: string | null): string | undefined {
  if (!raw) {
    if (required) throw new LineRefused(`indiquez le mois à partir duquel ${required} (colonne a_partir_de, AAAA-MM)`);
    return undefined;
  }
  if (!parsePeriod(raw)) throw new LineRefused(`mois « ${raw} » invalide : attendu AAAA-MM, par exemple 2026-09`);
  return raw;
}

function header(cells: string[]): Column[] {
  const names = cells.map((c) => fold(c).replace(/[\s-]+/g, "_"));
  const unknown = names.filter((n) => !COLUMNS.includes(n as Column));
  const missing = (["type", "code"] as const).filter((c) => !names.includes(c));
  const twice = names.filter((n, i) => names.indexOf(n) !== i);
  if (unknown.length || missing.length || twice.length) {
    const parts = [
      missing.length ? `colonnes manquantes : ${missing.join(", ")}` : "",
      unknown.length ? `colonnes inconnues : ${unknown.join(", ")}` : "",
      twice.length ? `colonnes en double : ${twice.join(", ")}` : "",
    ].filter(Boolean);
    throw new AppError(
      "IMPORT_UNREADABLE",
      422,
      `Le fichier ne peut pas être importé : la première ligne doit être l'en-tête (${COLUMNS.join(";")}, au moins type et code) ; ${parts.join(" ; ")}.`,
      [{ field: "ligne 1", message: parts.join(" ; ") }],
    );
  }
  return names as Column[];
}

function rowsOf(text: string): Row[] {
  const clean = text.replace(/^\uFEFF/, "");
  const firstLine = clean.split(/\r?\n/).find((l) => l.trim() !== "") ?? "";
  const separator = firstLine.includes(";") ? ";" : ",";
  const [head, ...records] = readCsv(clean, separator);
  const unreadable = (message: string) => new AppError("IMPORT_UNREADABLE", 422, `Le fichier ne peut pas être importé : ${message}`);
  if (!head) throw unreadable("il est vide ; il faut l'en-tête puis une ligne par changement.");
  const columns = header(head.cells);
  if (records.length === 0) throw unreadable("il ne contient aucune ligne après l'en-tête.");
  if (records.length > REFERENTIAL_IMPORT_MAX_LINES) {
    throw unreadable(`il compte ${records.length} lignes, ${REFERENTIAL_IMPORT_MAX_LINES} au plus par import.`);
  }
  return records.map((r) => {
    if (r.cells.length !== columns.length) {
      const unreadable = `${r.cells.length} cellule(s) au lieu de ${columns.length} (les colonnes de l'en-tête) : vérifiez le séparateur et les guillemets.`;
      return { line: r.line, unreadable };
    }
    const row: Row = { line: r.line };
    columns.forEach((c, i) => {
      const v = (r.cells[i] ?? "").trim();
      if (v !== "") row[c] = v;
    });
    return row;
  });
}

type Outcome = changes.Change[];
type Tx = repo.Tx;

async function territoryLine(tx: Tx, actor: repo.Actor, row: Row): Promise<Outcome> {
  const code = row.code ?? "";
  if (!TERRITORY_CODE_RE.test(code))
    throw new LineRefused(`code de direction territoriale « ${code} » invalide (minuscules et tirets : normandie)`);
  const name = row.nom;
  if (!name || name.length < 2 || name.length > 120)
    throw new LineRefused("indiquez le nom de la direction territoriale (2 à 120 caractères)");
  const existing = await repo.findTerritory(tx, code);
  if (!existing) return [await changes.createTerritory(tx, actor, { code, name }, { source: "import" })];
  const renamed = await changes.renameTerritory(tx, actor, code, name, { source: "import" });
  return renamed ? [renamed] : [];
}

async function atelierLine(tx: Tx, actor: repo.Actor, row: Row): Promise<Outcome> {
  const code = row.code ?? "";
  if (!ATELIER_CODE_RE.test(code))
    throw new LineRefused(`code d'atelier « ${code} » invalide (un code de département : 86, 2A, 971, avec un suffixe éventuel : 69-M)`);
  const labellisation = row.labellisation ? labelOf(row.labellisation) : undefined;
  const lab = row.laboratoire ? yesNoOf(row.laboratoire, "laboratoire") : undefined;
  const espe = row.espe ? yesNoOf(row.espe, "espe") : undefined;
  if (row.nom && (row.nom.length < 2 || row.nom.length > 120)) throw new LineRefused("le nom doit compter de 2 à 120 caractères");
  if (row.ville && row.ville.length > 80) throw new LineRefused("la ville doit compter au plus 80 caractères");
  if (row.departement && (row.departement.length < 2 || row.departement.length > 80)) {
    throw new LineRefused("le département doit compter de 2 à 80 caractères");
  }
  const territoryCode = row.direction_territoriale;
  if (territoryCode && !(await repo.findTerritory(tx, territoryCode))) {
    throw new LineRefused(`la direction territoriale « ${territoryCode} » n'existe pas (créez-la par une ligne direction avant celle-ci)`);
  }
  const existing = await repo.findAtelier(tx, code);
  if (!existing) {
    const from = monthOf(row.a_partir_de, "l'atelier ouvre");
    if (!row.nom || !row.ville || !territoryCode) {
      throw new LineRefused(`l'atelier ${code} n'existe pas encore : pour l'ouvrir, indiquez nom, ville et direction_territoriale`);
    }
    return await changes.openAtelier(
      tx,
      actor,
      {
        code,
        name: row.nom,
        city: row.ville,
        territoryCode,
        openFrom: from as string,
        ...(row.departement ? { departement: row.departement } : {}),
        ...(labellisation ? { labellisation } : {}),
        ...(lab !== undefined ? { lab } : {}),
        ...(espe !== undefined ? { espe } : {}),
      },
      { source: "import" },
    );
  }
  if (row.departement && row.departement !== existing.departement) {
    throw new LineRefused(`le département d'un atelier existant ne change pas (${existing.departement})`);
  }
  const dated = territoryCode !== undefined || labellisation !== undefined || lab !== undefined || espe !== undefined;
  const from = monthOf(row.a_partir_de, dated ? "le changement vaut" : null);
  const out: Outcome = [];
  if (row.nom || row.ville) {
    const renamed = await changes.renameAtelier(
      tx,
      actor,
      code,
      { ...(row.nom ? { name: row.nom } : {}), ...(row.ville ? { city: row.ville } : {}) },
      { source: "import" },
    );
    if (renamed) out.push(renamed);
  }
  if (territoryCode && from && territoryOn(await repo.membershipsOf(tx, code), `${from}-01`) !== territoryCode) {
    out.push((await changes.moveAtelier(tx, actor, code, { territoryCode, from }, { source: "import" })).change);
  }
  if (from && (labellisation !== undefined || lab !== undefined || espe !== undefined)) {
    const body = {
      from,
      ...(labellisation ? { labellisation } : {}),
      ...(lab !== undefined ? { lab } : {}),
      ...(espe !== undefined ? { espe } : {}),
    };
    const set = await changes.setAttributes(tx, actor, code, body, { source: "import" });
    if (set) out.push(set);
  }
  return out;
}

async function closureLine(tx: Tx, actor: repo.Actor, row: Row): Promise<Outcome> {
  const code = row.code ?? "";
  if (!ATELIER_CODE_RE.test(code)) throw new LineRefused(`code d'atelier « ${code} » invalide`);
  const from = monthOf(row.a_partir_de, "l'atelier ferme") as string;
  return [await changes.closeAtelier(tx, actor, code, { from }, { source: "import" })];
}

function reasonOf(error: unknown): string | null {
  if (error instanceof LineRefused) return `${error.message.charAt(0).toUpperCase()}${error.message.slice(1)}.`;
  if (error instanceof AppError) {
    const detail = error.errors?.map((e) => e.message).join(" ") ?? "";
    return detail && error.code === "VALIDATION_FAILED" ? detail : error.message;
  }
  return null;
}

export async function importReferential(db: Db, caller: Caller, text: string, dryRun: boolean): Promise<TReferentialImportResult> {
  const rows = rowsOf(text);
  const actor = { id: caller.userId, label: caller.displayName };
  const result: TReferentialImportResult = { dryRun, applied: false, lines: rows.length, changes: [], refused: [] };
  const seen = new Map<string, number>();
  try {
    await db.transaction(async (tx) => {
      for (const row of rows) {
        const refuse = (reason: string) => result.refused.push({ line: row.line, reason });
        if (row.unreadable) {
          refuse(row.unreadable);
          continue;
        }
        const type = fold(row.type ?? "");
        if (!TYPES.includes(type as (typeof TYPES)[number])) {
          refuse(`Type « ${row.type ?? ""} » inconnu : attendu direction, atelier ou fermeture.`);
          continue;
        }
        const key = `${type}|${row.code ?? ""}|${row.a_partir_de ?? ""}`;
        const earlier = seen.get(key);
        if (earlier !== undefined) {
          refuse(
            `Doublon : la ligne ${earlier} porte déjà ce changement (${type} ${row.code ?? ""}${row.a_partir_de ? ` à partir de ${row.a_partir_de}` : ""}).`,
          );
          continue;
        }
        seen.set(key, row.line);
        try {
          const done = await tx.transaction(async (line) => {
            if (type === "direction") return await territoryLine(line, actor, row);
            if (type === "atelier") return await atelierLine(line, actor, row);
            return await closureLine(line, actor, row);
          });
          for (const c of done) result.changes.push({ line: row.line, ...c });
        } catch (error) {
          const reason = reasonOf(error);
          if (reason === null) throw error;
          refuse(reason);
        }
      }
      if (dryRun || result.refused.length > 0) throw new Rollback();
    });
    result.applied = true;
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
  }
  if (!dryRun && result.refused.length > 0) {
    const n = result.refused.length;
    throw new AppError(
      "IMPORT_REFUSED",
      422,
      `${n} ligne${n > 1 ? "s refusées" : " refusée"} : corrigez le fichier. Rien n'est enregistré tant qu'une ligne est refusée.`,
      result.refused.map((r) => ({ field: `ligne ${r.line}`, message: r.reason })),
      { ...result },
    );
  }
  return result;
}
