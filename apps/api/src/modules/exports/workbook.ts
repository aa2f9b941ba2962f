/**
 * The dashboard as an Excel workbook for the ministry and its statisticians:
 * real numbers, one number format per column (a count's column, a share's
 * column, never both), French headers under a title row naming the scope in
 * full, the headers frozen. One sheet per scope and basis (official, then
 * provisional), each indicator beside the year before and its change, the
 * monthly totals, the fiches.
 */
import { type AggregatedField, CONTRACT_INDICATORS, type IndicatorBasis, type IndicatorUnit } from "@enquete/domain";
import ExcelJS from "exceljs";
import type { DashboardData, MonthlySheet, MonthRow, ScopeSheet, SheetIndicator } from "./dashboard.ts";

type Sheet = ExcelJS.Worksheet;

const INTEGER = "#,##0";
const DECIMAL = "#,##0.00";
const PERCENT = "0.00%";
const GROWTH = "+0.0%;-0.0%;0.0%";
const POINTS = '+0.00" pt";-0.00" pt";0.00" pt"';
/** Numerators and denominators: trainers (whole) and training days (decimal) of shares, each shown as it is. */
const GENERAL = "General";
const MONTH = "mmmm yyyy";
const HEADER_ROW = 2;
export const NO_TARGET = "pas de cible fixée pour cette année";

/** Excel's limit on a sheet's name. */
export const SHEET_NAME_MAX = 31;
const PROVISIONAL = " (provisoire)";

/** Short names of the territories whose full name does not fit a sheet's name with its basis. */
const SHORT_NAMES: Readonly<Record<string, string>> = {
  "alsace-lorraine-champagne-ardenne": "ALCA",
  "aquitaine-limousin-poitou-charentes": "ALPC",
  "auvergne-rhone-alpes": "AURA",
  "bourgogne-franche-comte": "BFC",
  "bretagne-pays-de-la-loire": "Bretagne-PDL",
  "centre-val-de-loire": "CVL",
  "hauts-de-france": "HDF",
  "ile-de-france": "IDF",
  "midi-pyrenees-languedoc-roussillon": "MPLR",
  "paca-corse": "PACA-Corse",
};

/** The initials of a name's words (a territory created since): "Grand Sud-Ouest" gives "GSO". */
function initials(name: string): string {
  return name
    .split(/[\s\-–—]+/)
    .map((w) => w.replace(/^[dl]['’]/i, ""))
    .filter((w) => /^\p{Lu}/u.test(w))
    .map((w) => w[0])
    .join("");
}

/**
 * A sheet's name from whole words only: "<lead> <scope>", and " (provisoire)"
 * for provisional figures. The scope's full name where the longer of the two
 * names fits Excel's 31 characters, else its short name (so that a scope's
 * official and provisional sheets read alike); a number after a name taken.
 */
function sheetName(parts: { lead?: string; scope?: string; territoryCode?: string }, basis: IndicatorBasis, taken: Set<string>): string {
  const lead = parts.lead ?? "";
  const join = (scope: string) => [lead, scope].filter((x) => x !== "").join(" ");
  const clean = (text: string) =>
    text
      .replace(/[[\]:*?/\\]/g, " ")
      .replace(/\s+/g, " ")
      .trim();
  let scope = clean(parts.scope ?? "");
  if (join(scope).length + PROVISIONAL.length > SHEET_NAME_MAX) {
    scope = (parts.territoryCode && SHORT_NAMES[parts.territoryCode]) || initials(scope) || parts.territoryCode || scope;
  }
  const suffix = basis === "provisional" ? PROVISIONAL : "";
  const base = join(scope);
  // Whole words within Excel's limit, the number of a name taken and the suffix included: exceljs would cut it mid-word.
  const fit = (tail: string) => {
    const words = base.split(" ");
    while (words.length > 1 && `${words.join(" ")}${tail}`.length > SHEET_NAME_MAX) words.pop();
    return `${words.join(" ")}${tail}`.slice(0, SHEET_NAME_MAX);
  };
  let name = fit(suffix);
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = fit(` ${i}${suffix}`);
  taken.add(name.toLowerCase());
  return name;
}

const BASIS_WORDS: Record<IndicatorBasis, string> = {
  official: "chiffres officiels (rapports validés)",
  provisional: "chiffres provisoires (rapports soumis et validés)",
};

/** A title row (the scope's full name, the period and the basis), the headers under it, both frozen. */
function addSheet(wb: ExcelJS.Workbook, name: string, title: string, columns: Partial<ExcelJS.Column>[]): Sheet {
  const sheet = wb.addWorksheet(name, { views: [{ state: "frozen", ySplit: HEADER_ROW, xSplit: 1 }] });
  sheet.columns = columns.map(({ header: _header, ...c }) => c);
  const titleRow = sheet.getRow(1);
  titleRow.getCell(1).value = title;
  titleRow.font = { bold: true, size: 12 };
  const header = sheet.getRow(HEADER_ROW);
  columns.forEach((c, i) => {
    header.getCell(i + 1).value = String(c.header ?? "");
  });
  header.font = { bold: true };
  header.alignment = { vertical: "middle", wrapText: true };
  header.height = 45;
  return sheet;
}

/** A number in its column's format. */
function put(cell: ExcelJS.Cell, value: number | null | undefined, format: string) {
  if (value === null || value === undefined) return;
  cell.value = value;
  cell.numFmt = format;
}

/** A percentage of the API (12.5 for 12.5 %) as an Excel percentage (0.125 shown 12,50 %). */
const putPercent = (cell: ExcelJS.Cell, value: number | null | undefined, format = PERCENT) =>
  put(cell, value === null || value === undefined ? value : value / 100, format);

/** "312 rapports, questionnaire version 2" */
function definitionScope(d: { reports: number; versions: number[] }): string {
  const reports = `${d.reports.toLocaleString("fr-FR")} rapport${d.reports > 1 ? "s" : ""}`;
  const versions = `questionnaire version${d.versions.length > 1 ? "s" : ""} ${d.versions.join(", ")}`;
  return `${reports}, ${versions}`;
}

/** A value's column by unit: a count in the count's column, a share in the share's. */
const byUnit = (unit: IndicatorUnit, count: string, share: string) => (unit === "%" ? share : count);

/** The columns a sheet needs: targets and reference values only where the sheet has some. */
function scopeColumns(s: ScopeSheet, year: number, previousLabel: string | null): Partial<ExcelJS.Column>[] {
  const has = (unit: IndicatorUnit, pick: (i: SheetIndicator) => number | undefined) =>
    s.indicators.some((i) => i.unit === unit && pick(i) !== undefined);
  const n1 = previousLabel ? `Valeur N-1 (${previousLabel})` : "Valeur N-1";
  const columns: Partial<ExcelJS.Column>[] = [
    { header: "Code", key: "code", width: 8 },
    { header: "Indicateur", key: "label", width: 62 },
    { header: "Unité", key: "unit", width: 8 },
    { header: "Valeur (nombre)", key: "valueCount", width: 14 },
    { header: `${n1}, nombre`, key: "previousCount", width: 16 },
    { header: "Évolution (taux de croissance, %)", key: "growth", width: 14 },
    { header: "Valeur (%)", key: "valueShare", width: 12 },
    { header: `${n1}, %`, key: "previousShare", width: 16 },
    { header: "Évolution (en points)", key: "points", width: 13 },
  ];
  const countTargets = has("nombre", (i) => i.target);
  const shareTargets = has("%", (i) => i.target);
  if (countTargets) columns.push({ header: `Cible ${year} (nombre)`, key: "targetCount", width: 14 });
  if (shareTargets) columns.push({ header: `Cible ${year} (%)`, key: "targetShare", width: 14 });
  if (countTargets || shareTargets) columns.push({ header: "Taux d'atteinte de la cible", key: "reached", width: 12 });
  const countBaselines = has("nombre", (i) => i.baseline);
  const shareBaselines = has("%", (i) => i.baseline);
  if (countBaselines || shareBaselines) columns.push({ header: "Année de référence", key: "baselineYear", width: 11 });
  if (countBaselines) columns.push({ header: "Valeur de référence (nombre)", key: "baselineCount", width: 14 });
  if (shareBaselines) columns.push({ header: "Valeur de référence (%)", key: "baselineShare", width: 14 });
  columns.push({ header: "Numérateur", key: "numerator", width: 13 }, { header: "Dénominateur", key: "denominator", width: 13 });
  return columns;
}

function scopeSheet(wb: ExcelJS.Workbook, taken: Set<string>, s: ScopeSheet, data: DashboardData) {
  const year = data.year;
  const columns = scopeColumns(s, year, data.previousLabel);
  const keys = new Set(columns.map((c) => c.key));
  const name = sheetName(
    s.national ? { scope: "National" } : { scope: s.title, ...(s.territoryCode ? { territoryCode: s.territoryCode } : {}) },
    s.basis,
    taken,
  );
  const sheet = addSheet(wb, name, `${s.title} – ${data.periodLabel} – ${BASIS_WORDS[s.basis]}`, columns);
  for (const i of s.indicators) {
    const row = sheet.addRow({ code: i.code, label: i.label, unit: i.unit });
    const cell = (key: string) => row.getCell(key);
    const count = i.unit === "nombre";
    if (count) {
      put(cell("valueCount"), i.value, INTEGER);
      put(cell("previousCount"), i.previous?.value, INTEGER);
      putPercent(cell("growth"), i.previous?.change, GROWTH);
    } else {
      putPercent(cell("valueShare"), i.value);
      putPercent(cell("previousShare"), i.previous?.value);
      put(cell("points"), i.previous?.change, POINTS);
    }
    const targetKey = byUnit(i.unit, "targetCount", "targetShare");
    if (keys.has(targetKey)) {
      if (i.target === undefined) cell(targetKey).value = NO_TARGET;
      else if (count) put(cell(targetKey), i.target, INTEGER);
      else putPercent(cell(targetKey), i.target);
      if (i.reached !== undefined) putPercent(cell("reached"), i.reached);
    }
    const baselineKey = byUnit(i.unit, "baselineCount", "baselineShare");
    if (keys.has(baselineKey) && i.baseline !== undefined) {
      if (i.baselineYear !== undefined) cell("baselineYear").value = i.baselineYear;
      if (count) put(cell(baselineKey), i.baseline, INTEGER);
      else putPercent(cell(baselineKey), i.baseline);
    }
    put(cell("numerator"), i.numerator, GENERAL);
    put(cell("denominator"), i.denominator, GENERAL);
    for (const part of i.parts ?? []) {
      const detail = sheet.addRow({ label: `dont ${part.label}` });
      detail.getCell("label").alignment = { indent: 2 };
      put(detail.getCell("valueCount"), part.value, INTEGER);
    }
    // A figure whose formula depends on the questionnaire version (1-5): each definition it used, with its own figure.
    for (const d of i.definitions ?? []) {
      const detail = sheet.addRow({ label: `Définition employée : ${d.label} (${definitionScope(d)})`, unit: i.unit });
      detail.getCell("label").alignment = { indent: 2, wrapText: true };
      if (count) put(detail.getCell("valueCount"), d.value, INTEGER);
      else putPercent(detail.getCell("valueShare"), d.value);
      put(detail.getCell("numerator"), d.numerator, GENERAL);
      put(detail.getCell("denominator"), d.denominator, GENERAL);
    }
  }
  sheet.addRow({});
  const c = s.completeness;
  const counts: [string, number][] = [
    ["Rapports attendus (ateliers ouverts, mois terminés)", c.expected],
    ["Rapports attendus soumis ou validés", c.submitted],
    ["Rapports validés (comptés dans les chiffres officiels)", c.validated],
    ["Rapports soumis au plus tard le jour d'échéance", c.onTime],
    [`Rapports comptés dans ces chiffres (${s.basis === "official" ? "validés" : "soumis ou validés"})`, c.included],
  ];
  for (const [label, value] of counts) put(sheet.addRow({ label }).getCell("valueCount"), value, INTEGER);
  const completeness = sheet.addRow({ label: "Complétude : part des rapports attendus comptés" });
  putPercent(completeness.getCell("valueShare"), c.expected ? (c.included / c.expected) * 100 : null);
  sheet.addRow({});
  for (const note of notesOf(s, data)) sheet.addRow({ label: note }).getCell("label").alignment = { wrapText: true };
}

function notesOf(s: ScopeSheet, data: DashboardData): string[] {
  const notes = [
    data.previousLabel
      ? `Valeur N-1 : la même période un an plus tôt (${data.previousLabel}), même périmètre et même base. Évolution : taux de croissance pour un nombre (vide quand la valeur N-1 est nulle), écart en points pour une part.`
      : "Valeur N-1 : aucune, l'enquête commence en 2016.",
  ];
  if (!s.indicators.some((i) => i.target !== undefined)) {
    notes.push(
      data.yearType === "school"
        ? "Cibles : les cibles du contrat sont fixées par année civile ; une année scolaire n'en a pas."
        : `Cibles : ${NO_TARGET} pour ce périmètre.`,
    );
  }
  return notes;
}

/** A field's column format by its type: whole counts, or decimals (trainee-days, two at most). */
const fieldFormat = (f: AggregatedField) => (f.type === "integer" ? INTEGER : DECIMAL);

function monthlySheet(wb: ExcelJS.Workbook, taken: Set<string>, fields: readonly AggregatedField[], m: MonthlySheet, data: DashboardData) {
  const withDl = m.year.distanceLearning !== undefined;
  const columns: Partial<ExcelJS.Column>[] = [
    { header: "Mois", key: "period", width: 16 },
    { header: "Rapports attendus", key: "expected", width: 11 },
    { header: "Rapports comptés", key: "included", width: 11 },
    ...fields.map((f) => ({ header: f.label, key: f.code, width: 16 })),
    ...(withDl
      ? [
          { header: "Journées stagiaires MOOC (national)", key: "mooc", width: 16 },
          { header: "Journées stagiaires M@gistère (national)", key: "magistere", width: 16 },
        ]
      : []),
  ];
  const name = sheetName(
    m.title === ""
      ? { lead: "Totaux mensuels" }
      : { lead: "Mois", scope: m.title, ...(m.territoryCode ? { territoryCode: m.territoryCode } : {}) },
    m.basis,
    taken,
  );
  const scope = m.title === "" ? "Réseau Canopé (national)" : m.title;
  const sheet = addSheet(wb, name, `Totaux mensuels – ${scope} – ${data.periodLabel} – ${BASIS_WORDS[m.basis]}`, columns);
  sheet.getRow(HEADER_ROW).height = 90;
  const write = (row: ExcelJS.Row, r: MonthRow) => {
    put(row.getCell("expected"), r.completeness.expected, INTEGER);
    put(row.getCell("included"), r.completeness.included, INTEGER);
    for (const f of fields) put(row.getCell(f.code), r.totals[f.code], fieldFormat(f));
    if (r.distanceLearning) {
      put(row.getCell("mooc"), r.distanceLearning.moocTraineeDays, DECIMAL);
      put(row.getCell("magistere"), r.distanceLearning.magistereTraineeDays, DECIMAL);
    }
  };
  for (const r of m.months) {
    const row = sheet.addRow({});
    const [y, mo] = r.period.split("-").map(Number) as [number, number];
    row.getCell("period").value = new Date(Date.UTC(y, mo - 1, 1));
    row.getCell("period").numFmt = MONTH;
    write(row, r);
  }
  const total = sheet.addRow({ period: `Total – ${data.periodLabel}` });
  total.font = { bold: true };
  write(total, m.year);
  sheet.addRow({});
  sheet.addRow({
    period: "Effectifs (formateurs) : valeur du dernier rapport de chaque atelier dans la période, puis somme ; le reste : somme des mois.",
  });
}

function fichesSheet(wb: ExcelJS.Workbook, taken: Set<string>, data: DashboardData) {
  const sheet = addSheet(wb, sheetName({ lead: "Fiches indicateurs" }, "official", taken), `Fiches des indicateurs – ${data.periodLabel}`, [
    { header: "Code", key: "code", width: 8 },
    { header: "Indicateur (intitulé du contrat)", key: "title", width: 40 },
    { header: "Signification et interprétation", key: "signification", width: 50 },
    { header: "Périmètre", key: "perimetre", width: 40 },
    { header: "Mode de calcul", key: "mode", width: 70 },
    { header: "Source", key: "source", width: 40 },
  ]);
  for (const def of CONTRACT_INDICATORS) {
    const row = sheet.addRow({
      code: def.code,
      title: def.fiche.contractTitle,
      signification: def.fiche.signification,
      perimetre: def.fiche.perimetre,
      mode: def.fiche.modeDeCalcul,
      source: def.fiche.source,
    });
    row.alignment = { vertical: "top", wrapText: true };
  }
  sheet.addRow({});
  for (const note of [
    `Période : ${data.periodLabel}. Chiffres officiels : rapports validés seulement ; chiffres provisoires (feuilles « (provisoire) ») : rapports soumis et validés.`,
    "Feuilles des directions territoriales : leur nom complet figure en première ligne ; les noms trop longs pour un nom de feuille (31 caractères) y sont abrégés (ALPC : Aquitaine – Limousin – Poitou-Charentes…).",
    "Les parts (1-5, 4-1-1) sont des rapports de sommes (somme des numérateurs sur somme des dénominateurs), jamais des moyennes de parts.",
    "Un rapport compte dans la direction territoriale de l'atelier au mois du rapport.",
    "La formation à distance nationale (MOOC, M@gistère) n'entre que dans la 1-1 nationale ; les cibles sont nationales, par année civile.",
  ]) {
    sheet.addRow({ title: note });
  }
}

export async function dashboardWorkbook(data: DashboardData): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Enquête atelier – Réseau Canopé";
  wb.created = new Date();
  const taken = new Set<string>();
  for (const basis of ["official", "provisional"] as const) {
    for (const s of data.scopes.filter((x) => x.basis === basis)) scopeSheet(wb, taken, s, data);
    for (const m of data.monthly.filter((x) => x.basis === basis)) monthlySheet(wb, taken, data.fields, m, data);
  }
  fichesSheet(wb, taken, data);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
