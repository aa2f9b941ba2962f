/**
 * The contract's targets and reference values, per indicator and year. Values
 * of indicators in % are percentages (15 for 15 %), as the indicators return them.
 */
import type { TSetTargetBody, TTarget, TTargetParams } from "@enquete/contract";
import { CONTRACT_INDICATOR_CODES, contractIndicator, targetValueProblem } from "@enquete/domain";
import type { Db } from "../../../db/client.ts";
import { AppError, notFound } from "../../../errors.ts";
import type { Caller } from "../../auth/service.ts";
import * as repo from "./repository.ts";

const order = (code: string) => CONTRACT_INDICATOR_CODES.indexOf(code);

export async function listTargets(db: Db): Promise<TTarget[]> {
  const rows = await repo.listTargets(db);
  return rows
    .map((r) => ({ ...r, updatedAt: r.updatedAt.toISOString(), updatedBy: r.updatedBy ?? null }))
    .sort((a, b) => order(a.indicatorCode) - order(b.indicatorCode) || a.year - b.year);
}

export async function setTarget(db: Db, caller: Caller, params: TTargetParams, body: TSetTargetBody): Promise<TTarget> {
  const def = contractIndicator(params.indicator);
  if (!def) throw notFound("Cet indicateur n'existe pas.");
  const problem = targetValueProblem(def, body.value);
  if (problem) {
    throw new AppError("VALIDATION_FAILED", 422, "La cible est invalide : corrigez-la.", [{ field: "value", message: problem }]);
  }
  await repo.upsertTarget(
    db,
    {
      indicatorCode: def.code,
      year: params.year,
      value: body.value,
      ...(body.isBaseline === undefined ? {} : { isBaseline: body.isBaseline }),
    },
    { id: caller.userId, label: caller.displayName },
  );
  const saved = (await listTargets(db)).find((t) => t.indicatorCode === def.code && t.year === params.year);
  if (!saved) throw new Error("target not saved");
  return saved;
}
