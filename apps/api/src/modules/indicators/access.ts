/**
 * The guard of the indicators' scope parameter: the scope must exist and be
 * within the caller's reach (domain rule canReadScope), checked once per
 * request before the service runs.
 */
import { canReadScope, firstDay, indicatorRange, lastDayOf, parsePeriod, parseScope, type YearType } from "@enquete/domain";
import type { FastifyRequest } from "fastify";
import type { Db } from "../../db/client.ts";
import { AppError, forbidden, notFound } from "../../errors.ts";
import { caller } from "../../plugins/app/auth.ts";
import { territoryExists } from "../referential/repository.ts";
import { atelierTerritoriesDuring } from "./repository.ts";

interface ScopeQuery {
  scope: string;
  year: number;
  yearType?: YearType;
  month?: string;
  quarter?: number;
}

export function scopeGuard(db: Db) {
  return async (request: FastifyRequest) => {
    const query = request.query as ScopeQuery;
    const scope = parseScope(query.scope);
    if (!scope) throw new AppError("VALIDATION_FAILED", 422, "Périmètre invalide.", [{ field: "scope", message: "Périmètre invalide." }]);
    const grants = caller(request).grants;
    if (scope.kind === "national") {
      if (!canReadScope(grants, scope)) {
        throw forbidden("Les indicateurs nationaux sont réservés à la direction nationale, à l'administration et à la tutelle.");
      }
      return;
    }
    if (scope.kind === "territory") {
      if (!(await territoryExists(db, scope.code))) throw notFound("Cette direction territoriale n'existe pas.");
      if (!canReadScope(grants, scope)) throw forbidden("Cette direction territoriale n'est pas dans votre périmètre.");
      return;
    }
    const range = indicatorRange(query);
    const from = "problems" in range ? `${query.year}-01` : range.from;
    const to = "problems" in range ? `${query.year}-12` : range.to;
    const fromDay = firstDay(parsePeriod(from) ?? { year: query.year, month: 1 });
    const territories = await atelierTerritoriesDuring(db, scope.code, fromDay, lastDayOf(to));
    if (territories === undefined) throw notFound("Cet atelier n'existe pas.");
    if (!canReadScope(grants, scope, territories)) throw forbidden("Cet atelier n'est pas dans votre périmètre.");
  };
}
