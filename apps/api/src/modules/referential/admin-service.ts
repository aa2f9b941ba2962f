/**
 * The administrators' referential (domain page, section 7.3): each route's
 * change in its own transaction, then the atelier's history as it now is.
 */
import type {
  TAtelierAttributesBody,
  TAtelierHistory,
  TCloseAtelierBody,
  TCreateTerritoryBody,
  TMoveAtelierBody,
  TMoveAtelierResult,
  TOpenAtelierBody,
  TRenameAtelierBody,
  TTerritory,
} from "@enquete/contract";
import { monthOf, parisDate, previousMonth, territoryOn } from "@enquete/domain";
import type { Db } from "../../db/client.ts";
import { notFound } from "../../errors.ts";
import type { Caller } from "../auth/service.ts";
import * as repo from "./admin-repository.ts";
import * as changes from "./changes.ts";
import { territories } from "./service.ts";

const actorOf = (caller: Caller): repo.Actor => ({ id: caller.userId, label: caller.displayName });

export async function atelierHistory(db: Db, code: string, today = parisDate()): Promise<TAtelierHistory> {
  const atelier = await repo.findAtelier(db, code);
  if (!atelier) throw notFound(`L'atelier ${code} n'existe pas.`);
  const [memberships, names, labels, lab, espe, audit] = await Promise.all([
    repo.membershipsOf(db, code),
    repo.allTerritories(db),
    repo.labelsOf(db, code),
    repo.flagsOf(db, code, "lab"),
    repo.flagsOf(db, code, "espe"),
    repo.auditOf(db, `atelier:${code}`),
  ]);
  return {
    code: atelier.code,
    name: atelier.name,
    city: atelier.city,
    departement: atelier.departement,
    openFrom: monthOf(atelier.openedOn),
    closedFrom: atelier.closedOn ? monthOf(atelier.closedOn) : null,
    territoryCode: territoryOn(memberships, today),
    territories: memberships.map((m) => ({
      territoryCode: m.territoryCode,
      territoryName: names.get(m.territoryCode) ?? m.territoryCode,
      from: monthOf(m.validFrom),
      to: m.validTo === null ? null : previousMonth(monthOf(m.validTo)),
    })),
    labellisation: labels,
    lab,
    espe,
    changes: audit.map((e) => ({
      at: e.at.toISOString(),
      actor: e.actor,
      action: e.action,
      description: String((e.details as { description?: unknown }).description ?? e.action),
    })),
  };
}

async function territoryOf(db: Db, code: string): Promise<TTerritory> {
  const found = (await territories(db)).find((t) => t.code === code);
  if (!found) throw notFound(`La direction territoriale « ${code} » n'existe pas.`);
  return found;
}

export async function createTerritory(db: Db, caller: Caller, body: TCreateTerritoryBody): Promise<TTerritory> {
  await db.transaction(async (tx) => await changes.createTerritory(tx, actorOf(caller), body));
  return await territoryOf(db, body.code);
}

export async function renameTerritory(db: Db, caller: Caller, code: string, name: string): Promise<TTerritory> {
  await db.transaction(async (tx) => await changes.renameTerritory(tx, actorOf(caller), code, name));
  return await territoryOf(db, code);
}

export async function openAtelier(db: Db, caller: Caller, body: TOpenAtelierBody): Promise<TAtelierHistory> {
  await db.transaction(async (tx) => await changes.openAtelier(tx, actorOf(caller), body));
  return await atelierHistory(db, body.code);
}

export async function renameAtelier(db: Db, caller: Caller, code: string, body: TRenameAtelierBody): Promise<TAtelierHistory> {
  await db.transaction(async (tx) => await changes.renameAtelier(tx, actorOf(caller), code, body));
  return await atelierHistory(db, code);
}

export async function moveAtelier(db: Db, caller: Caller, code: string, body: TMoveAtelierBody): Promise<TMoveAtelierResult> {
  const { movedReports } = await db.transaction(async (tx) => await changes.moveAtelier(tx, actorOf(caller), code, body));
  return { history: await atelierHistory(db, code), movedReports };
}

export async function closeAtelier(db: Db, caller: Caller, code: string, body: TCloseAtelierBody): Promise<TAtelierHistory> {
  await db.transaction(async (tx) => await changes.closeAtelier(tx, actorOf(caller), code, body));
  return await atelierHistory(db, code);
}

export async function cancelClosure(db: Db, caller: Caller, code: string): Promise<TAtelierHistory> {
  await db.transaction(async (tx) => await changes.cancelClosure(tx, actorOf(caller), code));
  return await atelierHistory(db, code);
}

export async function setAttributes(db: Db, caller: Caller, code: string, body: TAtelierAttributesBody): Promise<TAtelierHistory> {
  await db.transaction(async (tx) => await changes.setAttributes(tx, actorOf(caller), code, body));
  return await atelierHistory(db, code);
}
