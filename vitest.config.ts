import { defineConfig } from "vitest/config";

// One run, three depths: pure domain rules, the API against a real PostgreSQL,
// and user journeys in a real browser.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "domain",
          include: ["packages/*/test/**/*.test.ts"],
          environment: "node",
        },
      },
      {
        test: {
          name: "api",
          include: ["apps/api/test/**/*.test.ts"],
          exclude: ["apps/api/test/faults/**"],
          environment: "node",
          globalSetup: ["apps/api/test/global-setup.ts"],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          env: { NODE_ENV: "test" },
        },
      },
      {
        // Real processes under real faults: PostgreSQL clusters stopped, killed and frozen, API
        // processes killed and signalled, several of them behind a proxy. One file at a time.
        test: {
          name: "faults",
          include: ["apps/api/test/faults/**/*.test.ts"],
          environment: "node",
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          env: { NODE_ENV: "test" },
        },
      },
      {
        test: {
          name: "e2e",
          include: ["e2e/**/*.test.ts"],
          environment: "node",
          globalSetup: ["e2e/global-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
