/**
 * The published versions of the questionnaire, as the server reads them from
 * its database (form_versions) and caches them with the national settings.
 * Which version a month uses, which version a report was filled with, and
 * every field any version ever had (old reports stay readable and countable).
 */
import { addMonths, formatPeriod, parsePeriod } from "../period.ts";
import type { FieldDef, FormDefinition } from "./types.ts";
import { FORM_V1 } from "./v1.ts";

export class FormCatalogue {
  /** Published versions, by the month they apply from (oldest first). */
  readonly versions: readonly FormDefinition[];

  constructor(published: readonly FormDefinition[]) {
    if (published.length === 0) throw new Error("A catalogue needs at least one published version");
    this.versions = [...published].sort((a, b) => (a.validFrom < b.validFrom ? -1 : a.validFrom > b.validFrom ? 1 : a.version - b.version));
  }

  /** The version in force for a month (YYYY-MM): the latest published from that month or before (the oldest before any). */
  forPeriod(period: string): FormDefinition {
    let found = this.versions[0] as FormDefinition;
    for (const f of this.versions) if (f.validFrom <= period) found = f;
    return found;
  }

  /** A published version by its number. */
  byVersion(version: number): FormDefinition | undefined {
    return this.versions.find((f) => f.version === version);
  }

  /** The most recent published version (by the month it applies from). */
  get latest(): FormDefinition {
    return this.versions[this.versions.length - 1] as FormDefinition;
  }

  /** The last month a published version applies to: the month before the next one's, or null while it is the latest. */
  validTo(version: number): string | null {
    const position = this.versions.findIndex((f) => f.version === version);
    const next = position < 0 ? undefined : this.versions[position + 1];
    if (!next) return null;
    const month = parsePeriod(next.validFrom);
    return month ? formatPeriod(addMonths(month, -1)) : null;
  }

  /** The version numbers whose questionnaire has (or lacks) a field. */
  versionsWith(code: string): number[] {
    return this.versions.filter((f) => f.sections.some((s) => s.fields.some((x) => x.code === code))).map((f) => f.version);
  }

  /** Every field any published version has, once, described by the most recent version that has it. */
  allFields(): FieldDef[] {
    const byCode = new Map<string, FieldDef>();
    for (const f of this.versions) for (const s of f.sections) for (const x of s.fields) byCode.set(x.code, x);
    return [...byCode.values()];
  }
}

/** The questionnaire as shipped: version 1 only (a database without form_versions rows yet). */
export const BUILT_IN_CATALOGUE = new FormCatalogue([FORM_V1]);
