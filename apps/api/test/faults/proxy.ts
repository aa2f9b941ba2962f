/**
 * A round-robin reverse proxy in front of several API processes, as a
 * deployment puts one (http-proxy, X-Forwarded-For added with xfwd). Each
 * answer says which process served it (x-replica: its index), so that a test
 * can tell that two requests really went to two processes.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import httpProxy from "http-proxy";

export interface RoundRobinProxy {
  base: string;
  /** How many requests each target received. */
  served: number[];
  close(): Promise<void>;
}

export async function startProxy(targets: string[]): Promise<RoundRobinProxy> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const proxy = httpProxy.createProxyServer({ xfwd: true, agent, proxyTimeout: 30_000 });
  const served = targets.map(() => 0);
  let next = 0;
  proxy.on("proxyRes", (proxyRes, req) => {
    proxyRes.headers["x-replica"] = String((req as http.IncomingMessage & { replica?: number }).replica);
  });
  proxy.on("error", (_error, _req, res) => {
    // A target that is down: the proxy's own answer, as nginx would give (502).
    if (res instanceof http.ServerResponse && !res.headersSent) {
      res.writeHead(502, { "content-type": "text/plain" });
      res.end("mauvaise passerelle");
    }
  });
  const server = http.createServer((req, res) => {
    const replica = next % targets.length;
    next += 1;
    served[replica] = (served[replica] ?? 0) + 1;
    (req as http.IncomingMessage & { replica?: number }).replica = replica;
    proxy.web(req, res, { target: targets[replica] });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    served,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      proxy.close();
      agent.destroy();
    },
  };
}
