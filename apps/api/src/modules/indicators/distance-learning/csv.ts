/**
 * Reading the national distance-learning CSV file: a header line
 * (period;moocTraineeDays;magistereTraineeDays, in any order), `;` or `,`
 * between cells, French numbers ("1 234,5") accepted. Every line is judged
 * on its own, with its number in the file and a French reason when refused.
 */
import { distanceLearningPeriodProblem, parseFrenchNumber, traineeDaysProblem } from "@enquete/domain";

export const IMPORT_MAX_LINES = 2000;
const COLUMNS = ["period", "moocTraineeDays", "magistereTraineeDays"] as const;
type Column = (typeof COLUMNS)[number];

export interface CsvRecord {
  /** Line of the file where the record starts (the header is line 1). */
  line: number;
  cells: string[];
}

/** Splits CSV text into records, with quoted cells ("12,5", "a ""b""") and CRLF or LF line ends. */
export function readCsv(text: string, separator: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = "";
  let quoted = false;
  let line = 1;
  let start = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === "\n") line++;
        cell += ch;
      }
    } else if (ch === '"' && cell.trim() === "") {
      quoted = true;
      cell = "";
    } else if (ch === separator) {
      cells.push(cell);
      cell = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      cells.push(cell);
      records.push({ line: start, cells });
      cells = [];
      cell = "";
      line++;
      start = line;
    } else cell += ch;
  }
  if (cell !== "" || cells.length > 0) records.push({ line: start, cells: [...cells, cell] });
  return records.filter((r) => r.cells.some((c) => c.trim() !== ""));
}

export interface ImportLine {
  line: number;
  period: string;
  moocTraineeDays: number;
  magistereTraineeDays: number;
}

export interface ParsedImport {
  lines: ImportLine[];
  rejected: { line: number; reason: string }[];
  /** A problem with the whole file (no header, unknown columns, too long): nothing else is judged. */
  fatal?: string;
}

const COLUMN_NAMES: Record<Column, string> = {
  period: "mois (period)",
  moocTraineeDays: "journées MOOC (moocTraineeDays)",
  magistereTraineeDays: "journées M@gistère (magistereTraineeDays)",
};

function header(cells: string[]): { index: Record<Column, number> } | { fatal: string } {
  const names = cells.map((c) => c.trim().toLowerCase());
  const unknown = names.filter((n) => !COLUMNS.some((c) => c.toLowerCase() === n));
  const missing = COLUMNS.filter((c) => !names.includes(c.toLowerCase()));
  if (missing.length > 0 || unknown.length > 0) {
    const parts = [
      missing.length ? `colonnes manquantes : ${missing.join(", ")}` : "",
      unknown.length ? `colonnes inconnues : ${unknown.join(", ")}` : "",
    ].filter(Boolean);
    return { fatal: `La première ligne doit être l'en-tête period;moocTraineeDays;magistereTraineeDays (${parts.join(" ; ")}).` };
  }
  return { index: Object.fromEntries(COLUMNS.map((c) => [c, names.indexOf(c.toLowerCase())])) as Record<Column, number> };
}

function number(raw: string, column: Column): { value: number } | { problem: string } {
  const parsed = parseFrenchNumber(raw);
  if (parsed === null) return { problem: `${COLUMN_NAMES[column]} : valeur manquante, saisissez 0 s'il n'y en a pas.` };
  if (parsed === undefined) return { problem: `${COLUMN_NAMES[column]} : « ${raw.trim()} » n'est pas un nombre.` };
  const problem = traineeDaysProblem(parsed);
  return problem ? { problem: `${COLUMN_NAMES[column]} : ${problem}` } : { value: parsed };
}

/** "a. ; b." → "A ; b.": the problems of a line as one French sentence. */
function sentence(problems: string[]): string {
  const text = problems.map((p) => p.replace(/\.$/, "")).join(" ; ");
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

export function parseDistanceLearningCsv(raw: string, today: string): ParsedImport {
  const text = raw.replace(/^\uFEFF/, "");
  const firstLine = text.split(/\r?\n/).find((l) => l.trim() !== "") ?? "";
  const separator = firstLine.includes(";") ? ";" : ",";
  const [head, ...records] = readCsv(text, separator);
  if (!head) return { lines: [], rejected: [], fatal: "Le fichier est vide : il faut l'en-tête puis une ligne par mois." };
  const columns = header(head.cells);
  if ("fatal" in columns) return { lines: [], rejected: [], fatal: columns.fatal };
  if (records.length === 0) return { lines: [], rejected: [], fatal: "Le fichier ne contient aucune ligne de données après l'en-tête." };
  if (records.length > IMPORT_MAX_LINES) {
    return { lines: [], rejected: [], fatal: `Le fichier compte ${records.length} lignes : ${IMPORT_MAX_LINES} au plus par import.` };
  }

  const lines: ImportLine[] = [];
  const rejected: ParsedImport["rejected"] = [];
  const seen = new Map<string, number>();
  for (const record of records) {
    if (record.cells.length !== head.cells.length) {
      const hint = separator === "," ? ' ; avec le séparateur « , », mettez les nombres à virgule entre guillemets ("12,5")' : "";
      rejected.push({ line: record.line, reason: `${record.cells.length} cellule(s) au lieu de ${head.cells.length}${hint}.` });
      continue;
    }
    const cell = (c: Column) => record.cells[columns.index[c]] ?? "";
    const period = cell("period").trim();
    const problems: string[] = [];
    const periodProblem = distanceLearningPeriodProblem(period, today);
    if (periodProblem) problems.push(`mois « ${period} » : ${periodProblem}`);
    const earlier = seen.get(period);
    if (!periodProblem && earlier !== undefined) problems.push(`le mois ${period} figure déjà ligne ${earlier}`);
    if (!periodProblem && earlier === undefined) seen.set(period, record.line);
    const mooc = number(cell("moocTraineeDays"), "moocTraineeDays");
    const magistere = number(cell("magistereTraineeDays"), "magistereTraineeDays");
    for (const n of [mooc, magistere]) if ("problem" in n) problems.push(n.problem);
    if (problems.length > 0 || !("value" in mooc) || !("value" in magistere)) {
      rejected.push({ line: record.line, reason: sentence(problems) });
      continue;
    }
    lines.push({ line: record.line, period, moocTraineeDays: mooc.value, magistereTraineeDays: magistere.value });
  }
  return { lines, rejected };
}
