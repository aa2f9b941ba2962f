/**
 * The referential: territories and ateliers, with the atelier attributes that
 * figures are broken down by (domain page, section 1).
 */
export const LABEL_STATUSES = ["labellise", "en_cours", "non_engage"] as const;
export type LabelStatus = (typeof LABEL_STATUSES)[number];

export const LABEL_STATUS_LABELS: Record<LabelStatus, string> = {
  labellise: "Labellisé",
  en_cours: "Labellisation en cours",
  non_engage: "Non engagé",
};

/**
 * An atelier's code is its département's code: 01–95 (Corsica is 2A and 2B,
 * there is no 20), 971–974 and 976. A second atelier opened in a département
 * takes a suffix of one to three capitals or digits after a dash (`69-M`).
 */
export const ATELIER_CODE_RE = /^(0[1-9]|1\d|2[1-9]|2A|2B|[3-8]\d|9[0-5]|97[1-46])(-[A-Z0-9]{1,3})?$/;

export function isAtelierCode(code: string): boolean {
  return ATELIER_CODE_RE.test(code);
}

export const TERRITORY_CODE_RE = /^[a-z]+(-[a-z]+)*$/;

export function atelierName(code: string, city: string): string {
  return `Atelier Canopé ${code} – ${city}`;
}

/** Sorts atelier codes as people read them: 01…19, 2A, 2B, 21…95, 971… */
export function compareAtelierCodes(a: string, b: string): number {
  const [baseA = "", suffixA = ""] = a.split("-");
  const [baseB = "", suffixB = ""] = b.split("-");
  const key = (c: string) => (c === "2A" ? 20.1 : c === "2B" ? 20.2 : Number(c));
  return key(baseA) - key(baseB) || (suffixA < suffixB ? -1 : suffixA > suffixB ? 1 : 0);
}

export interface Membership {
  territoryCode: string;
  validFrom: string; // YYYY-MM-DD, inclusive
  validTo: string | null; // YYYY-MM-DD, exclusive; null: still current
}

/**
 * The territory an atelier belonged to on a given day: a move does not
 * rewrite the past, so a report of March 2025 stays with the territory of
 * March 2025.
 */
export function territoryOn(memberships: readonly Membership[], day: string): string | null {
  const m = memberships.find((x) => x.validFrom <= day && (x.validTo === null || day < x.validTo));
  return m ? m.territoryCode : null;
}
