/**
 * The dashboard as an Excel workbook for the ministry: real numbers with
 * number formats (shares as Excel percentages), French headers, the header
 * row frozen. One sheet per scope, the monthly totals, the fiches.
 */
import { type AggregatedField, CONTRACT_INDICATORS, type IndicatorUnit } from "@enquete/domain";
import ExcelJS from "exceljs";
import type { DashboardData, MonthlySheet, MonthRow, ScopeSheet } from "./dashboard.ts";

type Sheet = ExcelJS.Worksheet;

const INTEGER = "#,##0";
const DECIMAL = "#,##0.00";
const PERCENT = "0.00%";
const MONTH = "mmmm yyyy";

/** Excel refuses sheet names over 31 characters or with []:*?/\; names must be unique. */
function sheetName(title: string, taken: Set<string>): string {
  const clean = title.replace(/[[\]:*?/\\]/g, " ").trim();
  let name = clean.slice(0, 31).trim();
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${clean.slice(0, 27).trim()} (${i})`;
  taken.add(name.toLowerCase());
  return name;
}

function addSheet(wb: ExcelJS.Workbook, title: string, taken: Set<string>, columns: Partial<ExcelJS.Column>[]): Sheet {
  const sheet = wb.addWorksheet(sheetName(title, taken), { views: [{ state: "frozen", ySplit: 1, xSplit: 1 }] });
  sheet.columns = columns;
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: "middle", wrapText: true };
  header.height = 32;
  return sheet;
}

/** A value in its unit: a share is written as an Excel percentage (0.4138 shown 41,38 %). */
function put(cell: ExcelJS.Cell, value: number | null | undefined, unit: IndicatorUnit = "nombre") {
  if (value === null || value === undefined) return;
  if (unit === "%") {
    cell.value = value / 100;
    cell.numFmt = PERCENT;
  } else {
    cell.value = value;
    cell.numFmt = Number.isInteger(value) ? INTEGER : DECIMAL;
  }
}

/** "312 rapports, questionnaire version 2" */
function definitionScope(d: { reports: number; versions: number[] }): string {
  const reports = `${d.reports.toLocaleString("fr-FR")} rapport${d.reports > 1 ? "s" : ""}`;
  const versions = `questionnaire version${d.versions.length > 1 ? "s" : ""} ${d.versions.join(", ")}`;
  return `${reports}, ${versions}`;
}

function scopeSheet(wb: ExcelJS.Workbook, taken: Set<string>, s: ScopeSheet, year: number, periodLabel: string) {
  const sheet = addSheet(wb, s.title, taken, [
    { header: "Code", key: "code", width: 8 },
    { header: `Indicateur – ${s.title} – ${periodLabel}`, key: "label", width: 62 },
    { header: "Unité", key: "unit", width: 8 },
    { header: "Année de référence", key: "baselineYear", width: 11 },
    { header: "Valeur de référence", key: "baseline", width: 13 },
    { header: `Cible ${year}`, key: "target", width: 13 },
    { header: "Valeur", key: "value", width: 14 },
    { header: "Taux d'atteinte de la cible", key: "reached", width: 12 },
    { header: "Numérateur", key: "numerator", width: 13 },
    { header: "Dénominateur", key: "denominator", width: 13 },
  ]);
  for (const i of s.indicators) {
    const row = sheet.addRow({ code: i.code, label: i.label, unit: i.unit });
    if (i.baselineYear !== undefined) row.getCell("baselineYear").value = i.baselineYear;
    put(row.getCell("baseline"), i.baseline, i.unit);
    put(row.getCell("target"), i.target, i.unit);
    put(row.getCell("value"), i.value, i.unit);
    put(row.getCell("reached"), i.reached, "%");
    put(row.getCell("numerator"), i.numerator);
    put(row.getCell("denominator"), i.denominator);
    for (const part of i.parts ?? []) {
      const detail = sheet.addRow({ label: `dont ${part.label}` });
      detail.getCell("label").alignment = { indent: 2 };
      put(detail.getCell("value"), part.value);
    }
    // A figure whose formula depends on the questionnaire version (1-5): each definition it used, with its own figure.
    for (const d of i.definitions ?? []) {
      const detail = sheet.addRow({ label: `Définition employée : ${d.label} (${definitionScope(d)})`, unit: i.unit });
      detail.getCell("label").alignment = { indent: 2, wrapText: true };
      put(detail.getCell("value"), d.value, i.unit);
      put(detail.getCell("numerator"), d.numerator);
      put(detail.getCell("denominator"), d.denominator);
    }
  }
  sheet.addRow({});
  const c = s.completeness;
  const lines: [string, number | null, IndicatorUnit][] = [
    ["Rapports attendus (ateliers ouverts, mois terminés)", c.expected, "nombre"],
    ["Rapports attendus soumis ou validés", c.submitted, "nombre"],
    ["Rapports validés (comptés dans les chiffres officiels)", c.validated, "nombre"],
    ["Rapports soumis au plus tard le jour d'échéance", c.onTime, "nombre"],
    ["Complétude : part des rapports attendus validés", c.expected ? (c.validated / c.expected) * 100 : null, "%"],
  ];
  for (const [label, value, unit] of lines) {
    const row = sheet.addRow({ label });
    put(row.getCell("value"), value, unit);
  }
}

function monthlySheet(
  wb: ExcelJS.Workbook,
  taken: Set<string>,
  fields: readonly AggregatedField[],
  m: MonthlySheet,
  year: number,
  periodLabel: string,
) {
  const withDl = m.year.distanceLearning !== undefined;
  const sheet = addSheet(wb, m.title, taken, [
    { header: "Mois", key: "period", width: 16 },
    { header: "Rapports attendus", key: "expected", width: 11 },
    { header: "Rapports validés", key: "validated", width: 11 },
    ...fields.map((f) => ({ header: f.label, key: f.code, width: 16 })),
    ...(withDl
      ? [
          { header: "Journées stagiaires MOOC (national)", key: "mooc", width: 16 },
          { header: "Journées stagiaires M@gistère (national)", key: "magistere", width: 16 },
        ]
      : []),
  ]);
  sheet.getRow(1).height = 90;
  const write = (row: ExcelJS.Row, r: MonthRow) => {
    put(row.getCell("expected"), r.completeness.expected);
    put(row.getCell("validated"), r.completeness.validated);
    for (const f of fields) put(row.getCell(f.code), r.totals[f.code]);
    if (r.distanceLearning) {
      put(row.getCell("mooc"), r.distanceLearning.moocTraineeDays);
      put(row.getCell("magistere"), r.distanceLearning.magistereTraineeDays);
    }
  };
  for (const r of m.months) {
    const row = sheet.addRow({});
    const [y, mo] = r.period.split("-").map(Number) as [number, number];
    row.getCell("period").value = new Date(Date.UTC(y, mo - 1, 1));
    row.getCell("period").numFmt = MONTH;
    write(row, r);
  }
  const total = sheet.addRow({ period: year === 0 ? "Total" : `Total – ${periodLabel}` });
  total.font = { bold: true };
  write(total, m.year);
  sheet.addRow({});
  sheet.addRow({
    period: "Effectifs (formateurs) : valeur du dernier rapport de chaque atelier dans la période, puis somme ; le reste : somme des mois.",
  });
}

function fichesSheet(wb: ExcelJS.Workbook, taken: Set<string>, data: DashboardData) {
  const sheet = addSheet(wb, "Fiches indicateurs", taken, [
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
    `Chiffres officiels : rapports validés seulement. Période : ${data.periodLabel}.`,
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
  const year = data.yearType === "calendar" ? data.year : 0;
  for (const s of data.scopes) scopeSheet(wb, taken, s, data.year, data.periodLabel);
  for (const m of data.monthly) monthlySheet(wb, taken, data.fields, m, year, data.periodLabel);
  fichesSheet(wb, taken, data);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
