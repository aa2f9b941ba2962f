/**
 * What every fault file sets up the same way: one PostgreSQL cluster for the
 * file, and the API processes it starts, all stopped (and the cluster thawed,
 * should a test have left it frozen) after the file, whatever happened.
 */
import { afterAll, beforeAll } from "vitest";
import type { ApiProcess } from "./api-process.ts";
import { type Cluster, startCluster } from "./cluster.ts";

export function clusterPerFile() {
  let cluster: Cluster | undefined;
  const processes: ApiProcess[] = [];
  beforeAll(async () => {
    cluster = await startCluster();
  });
  afterAll(async () => {
    await cluster?.thaw();
    for (const p of processes) await p.stop();
    await cluster?.destroy();
  });
  return {
    cluster(): Cluster {
      if (!cluster) throw new Error("the cluster is started in beforeAll");
      return cluster;
    },
    /** Stopped after the file. */
    track<T extends ApiProcess>(api: T): T {
      processes.push(api);
      return api;
    },
  };
}
