/**
 * The campaign: which atelier has reported which month, and the reporting
 * rates per territory and for the nation. A month is expected from an
 * atelier open that month once it is over, in the territory the month
 * belongs to (its report's, else the atelier's that month); the nation's
 * rates count the same expected months, so that the territories add up to it.
 */
import type { TCampaign, TRates } from "@enquete/contract";
import { canReadTerritory, compareAtelierCodes, dueDate, firstMonthNotOver, hasRole, isLate, parisDate, percentage } from "@enquete/domain";
import type { Db } from "../../db/client.ts";
import { forbidden } from "../../errors.ts";
import type { Caller } from "../auth/service.ts";
import { listTerritories } from "../referential/repository.ts";
import * as repo from "./repository.ts";

type Counts = Pick<TRates, "expected" | "submitted" | "validated" | "onTime">;
type Cell = TCampaign["territories"][number]["ateliers"][number]["cells"][number];

const emptyCounts = (): Counts => ({ expected: 0, submitted: 0, validated: 0, onTime: 0 });

/** Shares of the expected reports (a ratio of sums); null when nothing is expected. */
function ratesOf(c: Counts): TRates {
  return {
    ...c,
    submittedRate: percentage(c.submitted, c.expected),
    validatedRate: percentage(c.validated, c.expected),
    onTimeRate: percentage(c.onTime, c.expected),
  };
}

export async function campaign(db: Db, caller: Caller, year: number, territory: string | undefined, dueDay: number): Promise<TCampaign> {
  const own = caller.grants.flatMap((g) => (g.role === "territory" ? [g.territoryCode] : []));
  const wide = hasRole(caller.grants, "national", "admin", "viewer");
  if (territory && !canReadTerritory(caller.grants, territory))
    throw forbidden("Cette direction territoriale n'est pas dans votre périmètre.");
  if (!wide && own.length === 0) throw forbidden("Votre rôle ne donne pas accès au suivi de la campagne.");
  const visible = (code: string | null) => code !== null && (wide || own.includes(code)) && (!territory || code === territory);

  const today = parisDate();
  const notOver = firstMonthNotOver(today);
  const [rows, territoryRows] = await Promise.all([repo.campaignCells(db, year, territory), listTerritories(db, today)]);
  const months = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, "0")}`);

  const national = emptyCounts();
  const groups = new Map(
    territoryRows
      .filter((t) => visible(t.code))
      .map((t) => [t.code, { code: t.code, name: t.name, counts: emptyCounts(), ateliers: new Set<string>() }]),
  );
  const ateliers = new Map<string, { name: string; cells: Map<string, Cell> }>();
  const late: TCampaign["late"] = [];

  for (const c of rows) {
    let atelier = ateliers.get(c.atelierCode);
    if (!atelier) {
      atelier = { name: c.name, cells: new Map() };
      ateliers.set(c.atelierCode, atelier);
    }
    const open = c.opening === "open";
    const expected = open && c.period < notOver;
    const status = open ? (c.status ?? "not_started") : "not_expected";
    const submittedOn = c.firstSubmittedAt ? parisDate(c.firstSubmittedAt) : null;
    const isLateCell = expected && isLate(c.period, today, submittedOn, dueDay);
    atelier.cells.set(c.period, {
      period: c.period,
      status,
      notExpected: open ? null : c.opening === "closed" ? "closed" : "not_open_yet",
      expected,
      late: isLateCell,
      territoryCode: c.territoryCode,
    });
    const group = open && c.territoryCode !== null ? groups.get(c.territoryCode) : undefined;
    if (!group) continue;
    group.ateliers.add(c.atelierCode);
    if (expected) {
      for (const counts of [national, group.counts]) {
        counts.expected += 1;
        if (status === "submitted" || status === "validated") counts.submitted += 1;
        if (status === "validated") counts.validated += 1;
        if (submittedOn && submittedOn <= dueDate(c.period, dueDay)) counts.onTime += 1;
      }
    }
    if (isLateCell && status !== "submitted" && status !== "validated" && status !== "not_expected") {
      late.push({
        atelierCode: c.atelierCode,
        atelierName: c.name,
        territoryCode: c.territoryCode as string,
        period: c.period,
        status,
        dueDate: dueDate(c.period, dueDay),
      });
    }
  }

  // An atelier that moved during the year shows under each territory, with the months it belonged there only.
  const territories = [...groups.values()].map((g) => ({
    code: g.code,
    name: g.name,
    rates: ratesOf(g.counts),
    ateliers: [...g.ateliers].sort(compareAtelierCodes).map((code) => {
      const a = ateliers.get(code) as { name: string; cells: Map<string, Cell> };
      return {
        code,
        name: a.name,
        cells: months.map((m): Cell => {
          const cell = a.cells.get(m);
          if (!cell)
            return { period: m, status: "not_expected", notExpected: "not_open_yet", expected: false, late: false, territoryCode: null };
          if (cell.status === "not_expected" || cell.territoryCode === g.code) return cell;
          return { ...cell, status: "not_started", expected: false, late: false, territoryCode: null };
        }),
      };
    }),
  }));
  late.sort((a, b) => a.period.localeCompare(b.period) || compareAtelierCodes(a.atelierCode, b.atelierCode));
  return { year, months, today, dueDay, national: ratesOf(national), territories, late };
}
