/**
 * Who may download what (domain rules exportReach, canExportReports,
 * canExportDashboard): national, admin and viewer everything; a territorial
 * director their territory; an atelier director their atelier's reports,
 * not the dashboard workbook (it carries national and territorial figures).
 */
import { canExportDashboard, canExportReports } from "@enquete/domain";
import type { FastifyRequest } from "fastify";
import { forbidden } from "../../errors.ts";
import { caller } from "../../plugins/app/auth.ts";

export async function reportsExportGuard(request: FastifyRequest) {
  if (!canExportReports(caller(request).grants)) throw forbidden("Votre rôle ne donne pas accès aux exports.");
}

export async function dashboardExportGuard(request: FastifyRequest) {
  if (!canExportDashboard(caller(request).grants)) {
    throw forbidden("Le tableau de bord est réservé aux directions nationale et territoriales, à l'administration et à la tutelle.");
  }
}
