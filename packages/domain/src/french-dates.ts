/**
 * French dates as French writes them: the first day of a month is "1er"
 * ("1er décembre 2026", "le 1er du mois"), every other day a plain number.
 * Intl writes "1 décembre": these helpers correct it, for the web app and the
 * emails alike.
 */

/** "1er" for the first of a month, "10" for the tenth: the day number in a French sentence. */
export function frenchDayNumber(day: number): string {
  return day === 1 ? "1er" : String(day);
}

/**
 * Formats a date with a French `Intl.DateTimeFormat`, writing the first of a
 * month "1er" where the month is a word ("1er décembre 2026 à 09:05",
 * "lundi 1er décembre"). Numeric dates stay numeric ("01/12/2026").
 */
export function formatFrenchDate(format: Intl.DateTimeFormat, date: Date): string {
  const parts = format.formatToParts(date);
  const month = parts.find((p) => p.type === "month");
  const monthIsWord = month !== undefined && !/^\d+$/.test(month.value);
  return parts.map((p) => (p.type === "day" && monthIsWord && Number(p.value) === 1 ? "1er" : p.value)).join("");
}

/**
 * A formatter made once (building one with a time zone costs far more than
 * using it) that writes "1er": `frenchDateFormatter({ dateStyle: "long" })(date)`.
 */
export function frenchDateFormatter(options: Intl.DateTimeFormatOptions): (date: Date) => string {
  const format = new Intl.DateTimeFormat("fr-FR", options);
  return (date) => formatFrenchDate(format, date);
}
