/**
 * The national MOOC and M@gistère trainee-days, entered month by month or
 * imported from a CSV file. An import is all or nothing: while one line is
 * refused, nothing is written, so a file never lands half-way.
 */
import type {
  TDistanceLearningImportResult,
  TDistanceLearningMonth,
  TDistanceLearningYear,
  TSetDistanceLearningBody,
} from "@enquete/contract";
import { distanceLearningPeriodProblem, parisDate, round2, yearRange } from "@enquete/domain";
import type { Db } from "../../../db/client.ts";
import { AppError } from "../../../errors.ts";
import type { Caller } from "../../auth/service.ts";
import { parseDistanceLearningCsv } from "./csv.ts";
import * as repo from "./repository.ts";

const toMonth = (r: Awaited<ReturnType<typeof repo.listMonths>>[number]): TDistanceLearningMonth => ({
  ...r,
  updatedAt: r.updatedAt.toISOString(),
  updatedBy: r.updatedBy ?? null,
});

export async function listYear(db: Db, year: number): Promise<TDistanceLearningYear> {
  const { from, to } = yearRange(year);
  const months = (await repo.listMonths(db, from, to)).map(toMonth);
  return {
    year,
    months,
    moocTraineeDays: round2(months.reduce((s, m) => s + m.moocTraineeDays, 0)),
    magistereTraineeDays: round2(months.reduce((s, m) => s + m.magistereTraineeDays, 0)),
  };
}

export async function setMonth(
  db: Db,
  caller: Caller,
  period: string,
  body: TSetDistanceLearningBody,
  today = parisDate(),
): Promise<TDistanceLearningMonth> {
  const problem = distanceLearningPeriodProblem(period, today);
  if (problem) throw new AppError("VALIDATION_FAILED", 422, problem, [{ field: "period", message: problem }]);
  await repo.upsertMonths(db, [{ period, ...body }], { id: caller.userId, label: caller.displayName }, "saisie");
  const [saved] = await repo.listMonths(db, period, period);
  if (!saved) throw new Error("distance learning not saved");
  return toMonth(saved);
}

const plural = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;

export async function importCsv(
  db: Db,
  caller: Caller,
  text: string,
  dryRun: boolean,
  today = parisDate(),
): Promise<TDistanceLearningImportResult> {
  const parsed = parseDistanceLearningCsv(text, today);
  if (parsed.fatal) {
    throw new AppError("IMPORT_UNREADABLE", 422, `Le fichier ne peut pas être importé : ${parsed.fatal}`, [
      { field: "ligne 1", message: parsed.fatal },
    ]);
  }
  const existing = await repo.findMonths(
    db,
    parsed.lines.map((l) => l.period),
  );
  const lines = parsed.lines.map((l) => {
    const before = existing.get(l.period);
    const same = before && before.moocTraineeDays === l.moocTraineeDays && before.magistereTraineeDays === l.magistereTraineeDays;
    return {
      ...l,
      change: before ? (same ? ("unchanged" as const) : ("update" as const)) : ("create" as const),
      previous: before ? { moocTraineeDays: before.moocTraineeDays, magistereTraineeDays: before.magistereTraineeDays } : null,
    };
  });
  const count = (c: string) => lines.filter((l) => l.change === c).length;
  const summary = `${plural(count("create"), "mois créé", "mois créés")}, ${plural(count("update"), "modifié", "modifiés")}, ${plural(count("unchanged"), "inchangé", "inchangés")}`;
  const refused = parsed.rejected.length;

  if (refused > 0) {
    const message = `${plural(refused, "ligne refusée", "lignes refusées")} : corrigez le fichier. Rien n'est enregistré tant qu'une ligne est refusée.`;
    const preview = { dryRun, written: false, message, lines, rejected: parsed.rejected };
    if (dryRun) return preview;
    throw new AppError(
      "IMPORT_REJECTED",
      422,
      message,
      parsed.rejected.map((r) => ({ field: `ligne ${r.line}`, message: r.reason })),
      { preview },
    );
  }
  if (dryRun) {
    return { dryRun, written: false, message: `Aperçu : ${summary}. Rien n'a encore été enregistré.`, lines, rejected: [] };
  }
  const changed = lines.filter((l) => l.change !== "unchanged");
  await repo.upsertMonths(
    db,
    changed.map(({ period, moocTraineeDays, magistereTraineeDays }) => ({ period, moocTraineeDays, magistereTraineeDays })),
    { id: caller.userId, label: caller.displayName },
    "import",
  );
  return { dryRun, written: true, message: `Import enregistré : ${summary}.`, lines, rejected: [] };
}
