import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "postgresql",
  schema: "../apps/api/src/db/schema.ts",
  out: ".",
  casing: "snake_case",
});
