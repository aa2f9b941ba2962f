/**
 * Serves the built web app: hashed assets cached for a year, index.html never
 * cached, and every unknown non-API path answered with the app (client-side routes).
 */
import { existsSync } from "node:fs";
import path from "node:path";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";

export default fp(
  async function web(app: FastifyInstance, opts: { root: string | null }) {
    const root = opts.root;
    if (!root || !existsSync(path.join(root, "index.html"))) {
      app.log.warn({ root }, "web app not built: only the API is served");
      return;
    }
    await app.register(fastifyStatic, {
      root,
      index: ["index.html"],
      // Nothing of the build whose name starts with a dot is served (a stray .env, say).
      dotfiles: "ignore",
      setHeaders(reply, filePath) {
        if (filePath.includes(`${path.sep}assets${path.sep}`)) {
          reply.header("cache-control", "public, max-age=31536000, immutable");
        } else {
          reply.header("cache-control", "no-cache");
        }
      },
    });
    app.decorate("webAppRoot", root);
  },
  { name: "web" },
);
