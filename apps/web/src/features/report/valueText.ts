import { formatFrenchNumber, type ReportValues } from "@enquete/domain";

/** A stored value for reading: "1 234,5", the text itself, or "(vide)". */
export function displayValue(value: ReportValues[string] | undefined): string {
  if (value === null || value === undefined || value === "") return "(vide)";
  return typeof value === "number" ? formatFrenchNumber(value) : value;
}
