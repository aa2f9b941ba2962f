/**
 * What the database holds, checked against what the clients were told: every
 * save answered 200 is there with its event, each report's events number its
 * versions 1…N with no hole and no repeat, the report's version is its last
 * event's, and replaying the events' changes gives the stored values and,
 * at each acknowledged version, exactly the values that save sent.
 */
import pg from "pg";
import type { DraftValues, SaveRecord } from "./storm.ts";

type Change = { field: string; from: unknown; to: unknown };
type Row = {
  atelier_code: string;
  period: string;
  version: number;
  values: Record<string, unknown>;
  events: { version: number; changes: Change[] }[];
};

export interface LedgerCheck {
  acknowledged: number;
  reports: number;
  problems: string[];
}

const compact = (values: DraftValues) => Object.fromEntries(Object.entries(values).filter(([, v]) => v !== null && v !== ""));

function sameValues(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].every((k) => JSON.stringify(a[k] ?? null) === JSON.stringify(b[k] ?? null));
}

export async function checkLedger(url: string, records: SaveRecord[]): Promise<LedgerCheck> {
  const keys = [...new Set(records.map((r) => `${r.atelier}|${r.period}`))];
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let rows: Row[];
  try {
    const result = await client.query<Row>(
      `select r.atelier_code, r.period, r.version, r.values,
              coalesce(json_agg(json_build_object('version', e.version, 'changes', e.changes) order by e.version, e.id)
                       filter (where e.id is not null), '[]') as events
         from reports r left join report_events e on e.report_id = r.id
        where r.atelier_code || '|' || r.period = any($1)
        group by r.id`,
      [keys],
    );
    rows = result.rows;
  } finally {
    await client.end();
  }

  const problems: string[] = [];
  const byKey = new Map(rows.map((r) => [`${r.atelier_code}|${r.period}`, r]));
  const acknowledged = records.filter((r) => r.status === 200);
  for (const key of keys) {
    const row = byKey.get(key);
    const acks = acknowledged.filter((r) => `${r.atelier}|${r.period}` === key);
    if (!row) {
      if (acks.length > 0) problems.push(`${key} : ${acks.length} enregistrements acquittés, aucun rapport en base`);
      continue;
    }
    // Versions 1…N, each once; the report at N.
    const versions = row.events.map((e) => e.version);
    const expected = Array.from({ length: versions.length }, (_, i) => i + 1);
    if (JSON.stringify(versions) !== JSON.stringify(expected))
      problems.push(`${key} : versions des événements ${JSON.stringify(versions)}`);
    if (row.version !== versions.length) problems.push(`${key} : rapport en version ${row.version}, dernier événement ${versions.length}`);
    // Replaying the changes explains every version and the stored values.
    const states = new Map<number, Record<string, unknown>>();
    let state: Record<string, unknown> = {};
    for (const e of row.events) {
      state = { ...state };
      for (const c of e.changes) {
        if (c.to === null || c.to === undefined) delete state[c.field];
        else state[c.field] = c.to;
      }
      states.set(e.version, state);
    }
    if (!sameValues(state, row.values))
      problems.push(`${key} : valeurs en base ${JSON.stringify(row.values)} ≠ historique rejoué ${JSON.stringify(state)}`);
    const seen = new Map<number, SaveRecord>();
    for (const ack of acks) {
      const version = (ack.body as { version?: unknown }).version;
      if (typeof version !== "number") {
        problems.push(`${key} : 200 sans version (${JSON.stringify(ack.body).slice(0, 120)})`);
        continue;
      }
      const earlier = seen.get(version);
      if (earlier)
        problems.push(`${key} : deux 200 pour la version ${version} (« ${earlier.values.highlights} » puis « ${ack.values.highlights} »)`);
      seen.set(version, ack);
      const at = states.get(version);
      if (!at) problems.push(`${key} : la version ${version} acquittée n'a pas d'événement`);
      else if (!sameValues(at, compact(ack.values))) {
        problems.push(
          `${key} : à la version ${version} acquittée, l'historique donne ${JSON.stringify(at)} et non ${JSON.stringify(ack.values)}`,
        );
      }
      const answered = (ack.body as { values?: Record<string, unknown> }).values;
      if (answered && !sameValues(answered, compact(ack.values))) {
        problems.push(`${key} : le 200 de la version ${version} porte ${JSON.stringify(answered)} et non ce que la requête a écrit`);
      }
    }
  }
  return { acknowledged: acknowledged.length, reports: rows.length, problems };
}
