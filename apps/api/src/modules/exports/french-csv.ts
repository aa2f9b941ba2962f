/**
 * CSV as French Excel opens it by a double click: UTF-8 with a byte order
 * mark, `;` between cells, decimal comma, text in double quotes. A text that
 * a spreadsheet would run as a formula (=, +, -, @) is defused with a leading
 * apostrophe: a director's "highlights" must never execute on a reader's machine.
 */
export const BOM = "\uFEFF";
export const SEPARATOR = ";";
export const LINE_END = "\r\n";

export function textCell(value: string | null | undefined): string {
  if (value === null || value === undefined || value === "") return "";
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replaceAll('"', '""')}"`;
}

/** A number with a decimal comma and no thousands separator ("1234,5"), empty for "not entered". */
export function numberCell(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "";
  return String(value).replace(".", ",");
}

/** A value of a report: numbers as numbers, anything else as text. */
export function valueCell(value: unknown): string {
  if (typeof value === "number") return numberCell(value);
  if (typeof value === "string") return textCell(value);
  return "";
}

export function csvLine(cells: readonly string[]): string {
  return `${cells.join(SEPARATOR)}${LINE_END}`;
}

/** An instant as Paris wall-clock time, "2025-02-05 10:00", which French Excel reads as a date and time. */
const parisFormat = new Intl.DateTimeFormat("sv-SE", {
  timeZone: "Europe/Paris",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

export function dateTimeCell(at: Date | null): string {
  return at ? parisFormat.format(at) : "";
}

/** Content-Disposition of a download with a French file name, and its ASCII fallback for old clients. */
export function attachment(fileName: string): string {
  const ascii = fileName
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^A-Za-z0-9._-]/g, "-");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
