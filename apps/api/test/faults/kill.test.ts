/**
 * (a) The API killed with SIGKILL while 20 directors save, then started
 * again: whatever it answered 200 before dying is in the database with its
 * event, and no report is half written.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { sleep, startApi } from "./api-process.ts";
import { clusterPerFile } from "./harness.ts";
import { checkLedger } from "./ledger.ts";
import { signInDirectors, startStorm, tally } from "./storm.ts";

const fault = clusterPerFile();
let url: string;

beforeAll(async () => {
  url = await fault.cluster().createDatabase("enquete");
});

describe("kill -9 of the API mid-storm", () => {
  it("loses no acknowledged save and leaves nothing half written", async () => {
    const first = await startApi({ DATABASE_URL: url });
    fault.track(first);
    const directors = await signInDirectors(first.base, 20);
    const storm = startStorm(first.base, directors, { requestTimeoutMs: 15_000 });

    await sleep(2_500);
    const killedAt = Date.now();
    first.kill("SIGKILL");
    expect((await first.exited).signal).toBe("SIGKILL");

    await sleep(300);
    const second = await startApi({ DATABASE_URL: url }, { port: first.port });
    fault.track(second);
    const restartedAt = Date.now();
    await sleep(2_500);
    await storm.stop();

    const records = storm.records;
    const before = records.filter((r) => r.status === 200 && r.endedAt < killedAt).length;
    const after = records.filter((r) => r.status === 200 && r.sentAt >= restartedAt).length;
    const ledger = await checkLedger(url, records);
    console.log(
      `kill -9 : ${records.length} requêtes ${JSON.stringify(tally(records))} ; ${before} acquittées avant, ${after} après la relance ; ${ledger.acknowledged} acquittées vérifiées sur ${ledger.reports} rapports`,
    );
    expect(before).toBeGreaterThan(0);
    expect(after).toBeGreaterThan(0);
    expect(ledger.problems).toEqual([]);
    // No answer is a server error: a refused connection while it is down, 409 for a save whose 200 was lost with the process.
    expect(records.filter((r) => r.status !== null && r.status >= 500)).toEqual([]);
    expect(second.logs(50)).toEqual([]);
  });
});
