# The platform for a deployment: one Node process per core (a cluster; WORKERS to
# change it) serving the API and the web app; the scheduled jobs run in one of
# them. PostgreSQL is separate (see docker-compose.yml); no demo data in production.
# On `docker stop` (SIGTERM) the requests in flight finish (SHUTDOWN_TIMEOUT_MS,
# 10 s by default), then the process exits 0: give it more than that to stop.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
COPY package.json package-lock.json ./
COPY apps/api/package.json apps/api/
COPY apps/web/package.json apps/web/
COPY packages/domain/package.json packages/domain/
COPY packages/contract/package.json packages/contract/
COPY migrations/package.json migrations/
COPY e2e/package.json e2e/
COPY bench/package.json bench/
RUN mkdir -p apps/web/public && npm ci --no-audit --no-fund
COPY . .
RUN npm run build && chown -R node:node /app
USER node
EXPOSE 3000
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:3000/api/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
STOPSIGNAL SIGTERM
CMD ["node", "--import", "tsx", "apps/api/src/server.ts"]
