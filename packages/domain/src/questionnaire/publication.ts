/**
 * From which month a version may be published (domain page, section 7.4):
 * after every published version's month; not in the past; the current month
 * only while none of its reports was ever submitted (they were filled with
 * the version then in force); at most PUBLICATION_MONTHS_AHEAD months ahead,
 * so that a mistyped year cannot block every later version. The demo seed
 * (`allowPast`) writes a history that already used the new version.
 */
import { addMonths, formatPeriod, ofPeriod, type Period, parsePeriod, periodLabel, periodOfDate } from "../period.ts";

export const PUBLICATION_MONTHS_AHEAD = 24;

export interface PublicationRefusal {
  code: "VALIDATION_FAILED" | "MONTH_TOO_FAR" | "MONTH_NOT_AFTER_LATEST" | "MONTH_PASSED" | "MONTH_ALREADY_SUBMITTED";
  message: string;
}

// Both months come from the catalogue or the clock: they are valid.
const shift = (period: string, months: number) => formatPeriod(addMonths(parsePeriod(period) as Period, months));

/** Why a publication from `from` is refused, or null when it may go ahead. */
export function publicationRefusal(input: {
  from: string;
  /** Paris date, YYYY-MM-DD. */
  today: string;
  /** The month the latest published version applies from. */
  latest: { version: number; validFrom: string };
  /** Whether a report of the current month was ever submitted. */
  submittedThisMonth: boolean;
  allowPast?: boolean;
}): PublicationRefusal | null {
  const { from, latest } = input;
  if (!parsePeriod(from)) return { code: "VALIDATION_FAILED", message: "Mois invalide : attendu AAAA-MM, par exemple 2027-01." };
  const current = formatPeriod(periodOfDate(input.today));
  const lastAccepted = shift(current, PUBLICATION_MONTHS_AHEAD);
  if (from > lastAccepted) {
    return {
      code: "MONTH_TOO_FAR",
      message: `Une version se publie au plus ${PUBLICATION_MONTHS_AHEAD} mois à l'avance : choisissez un mois jusqu'à ${periodLabel(lastAccepted)} au plus tard.`,
    };
  }
  const afterLatest = shift(latest.validFrom, 1);
  const firstOpen = input.submittedThisMonth && !input.allowPast ? shift(current, 1) : current;
  const earliest = input.allowPast || afterLatest > firstOpen ? afterLatest : firstOpen;
  if (from >= earliest) return null;
  const advice = `Publiez à partir de ${periodLabel(earliest)} au plus tôt.`;
  if (from < afterLatest) {
    return {
      code: "MONTH_NOT_AFTER_LATEST",
      message: `La version ${latest.version} s'applique depuis ${periodLabel(latest.validFrom)} : une nouvelle version ne peut s'appliquer qu'à partir d'un mois suivant. ${advice}`,
    };
  }
  if (from < current) {
    return {
      code: "MONTH_PASSED",
      message: `On ne publie pas une version pour un mois passé : les rapports ${ofPeriod(from)} se remplissent avec la version en vigueur alors. ${advice}`,
    };
  }
  return {
    code: "MONTH_ALREADY_SUBMITTED",
    message: `Des rapports ${ofPeriod(from)} ont déjà été soumis : publiez à partir de ${periodLabel(earliest)} au plus tôt.`,
  };
}
