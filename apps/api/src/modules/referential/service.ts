import type { TAtelier, TAtelierDetail, TTerritory, TTerritoryDetail } from "@enquete/contract";
import { compareAtelierCodes, type LabelStatus, parisDate } from "@enquete/domain";
import type { Db } from "../../db/client.ts";
import { notFound } from "../../errors.ts";
import * as repo from "./repository.ts";

export async function territories(db: Db): Promise<TTerritory[]> {
  return await repo.listTerritories(db, parisDate());
}

type AtelierRow = Awaited<ReturnType<typeof repo.listAteliers>>[number];
const toAtelier = (r: AtelierRow): TAtelier => ({
  code: r.code,
  name: r.name,
  departement: r.departement,
  city: r.city,
  territoryCode: r.territoryCode,
  labelStatus: r.labelStatus as LabelStatus | null,
  hasLab: r.hasLab,
  inEspe: r.inEspe,
  openFrom: r.openedOn.slice(0, 7),
  closedFrom: r.closedOn ? r.closedOn.slice(0, 7) : null,
});

export async function ateliers(db: Db, filter: { territoryCode?: string }): Promise<TAtelier[]> {
  const rows = await repo.listAteliers(db, parisDate(), filter);
  return rows.map(toAtelier).sort((a, b) => compareAtelierCodes(a.code, b.code));
}

export async function atelierDetail(db: Db, code: string): Promise<TAtelierDetail> {
  const [row] = await repo.listAteliers(db, parisDate(), { atelierCode: code });
  if (!row) throw notFound("Cet atelier n'existe pas.");
  const [history, team] = await Promise.all([repo.territoryHistory(db, code), repo.atelierTeam(db, code)]);
  const current = history.find((h) => h.territoryCode === row.territoryCode && h.to === null);
  return { ...toAtelier(row), territoryName: current?.territoryName ?? null, territoryHistory: history, team };
}

export async function territoryDetail(db: Db, code: string): Promise<TTerritoryDetail> {
  const territory = (await repo.listTerritories(db, parisDate())).find((t) => t.code === code);
  if (!territory) throw notFound("Cette direction territoriale n'existe pas.");
  const [list, directors] = await Promise.all([ateliers(db, { territoryCode: code }), repo.territoryDirectors(db, code)]);
  return { ...territory, ateliers: list, directors };
}
