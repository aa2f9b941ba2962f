/**
 * The campaign: which atelier has reported which month, and the reporting
 * rates per territory and for the nation.
 */
import type { TCampaign, TRates } from "@enquete/contract";
import {
  atelierName,
  canReadTerritory,
  compareAtelierCodes,
  dueDate,
  formatPeriod,
  hasRole,
  hasStarted,
  isLate,
  parisDate,
  periodOfDate,
} from "@enquete/domain";
import type { Db } from "../../db/client.ts";
import { forbidden } from "../../errors.ts";
import type { Caller } from "../auth/service.ts";
import { listTerritories } from "../referential/repository.ts";
import * as repo from "./repository.ts";

const emptyRates = (): TRates => ({ expected: 0, submitted: 0, validated: 0, onTime: 0 });

export async function campaign(db: Db, caller: Caller, year: number, territory: string | undefined, dueDay: number): Promise<TCampaign> {
  const own = caller.grants.flatMap((g) => (g.role === "territory" ? [g.territoryCode] : []));
  const wide = hasRole(caller.grants, "national", "admin", "viewer");
  if (territory && !canReadTerritory(caller.grants, territory))
    throw forbidden("Cette direction territoriale n'est pas dans votre périmètre.");
  if (!wide && own.length === 0) throw forbidden("Votre rôle ne donne pas accès au suivi de la campagne.");
  const visible = (code: string | null) => code !== null && (wide || own.includes(code)) && (!territory || code === territory);

  const today = parisDate();
  const currentPeriod = formatPeriod(periodOfDate(today));
  const [cells, territoryRows] = await Promise.all([repo.campaignCells(db, year, territory), listTerritories(db, today)]);
  const months = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, "0")}`);

  const national = emptyRates();
  const byTerritory = new Map(
    territoryRows
      .filter((t) => visible(t.code))
      .map((t) => [
        t.code,
        {
          code: t.code,
          name: t.name,
          rates: emptyRates(),
          ateliers: new Map<string, TCampaign["territories"][number]["ateliers"][number]>(),
        },
      ]),
  );
  const late: TCampaign["late"] = [];

  for (const c of cells) {
    if (!visible(c.territoryCode)) continue;
    const territoryCode = c.territoryCode as string;
    const group = byTerritory.get(territoryCode);
    if (!group) continue;
    const submittedOn = c.firstSubmittedAt ? parisDate(c.firstSubmittedAt) : null;
    const started = hasStarted(c.period, today);
    const isLateCell = started && isLate(c.period, today, submittedOn, dueDay);
    const status = c.status ?? "not_started";
    // A month is expected once it is over; its report is then due on the due day of the next month.
    if (c.period < currentPeriod) {
      for (const rates of [national, group.rates]) {
        rates.expected += 1;
        if (status === "submitted" || status === "validated") rates.submitted += 1;
        if (status === "validated") rates.validated += 1;
        if (submittedOn && submittedOn <= dueDate(c.period, dueDay)) rates.onTime += 1;
      }
    }
    if (isLateCell && status !== "submitted" && status !== "validated") {
      late.push({
        atelierCode: c.atelierCode,
        atelierName: atelierName(c.atelierCode, c.city),
        territoryCode,
        period: c.period,
        status,
        dueDate: dueDate(c.period, dueDay),
      });
    }
    let row = group.ateliers.get(c.atelierCode);
    if (!row) {
      row = { code: c.atelierCode, name: atelierName(c.atelierCode, c.city), cells: [] };
      group.ateliers.set(c.atelierCode, row);
    }
    row.cells.push({ period: c.period, status, late: isLateCell, territoryCode });
  }

  // An atelier that moved during the year shows under each territory, with the months it belonged there.
  const territories = [...byTerritory.values()].map((t) => ({
    code: t.code,
    name: t.name,
    rates: t.rates,
    ateliers: [...t.ateliers.values()]
      .sort((a, b) => compareAtelierCodes(a.code, b.code))
      .map((a) => ({
        ...a,
        cells: months.map(
          (m) => a.cells.find((x) => x.period === m) ?? { period: m, status: "not_started" as const, late: false, territoryCode: null },
        ),
      })),
  }));
  late.sort((a, b) => a.period.localeCompare(b.period) || compareAtelierCodes(a.atelierCode, b.atelierCode));
  return { year, months, today, dueDay, national, territories, late };
}
