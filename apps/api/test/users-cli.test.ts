import { verify } from "@node-rs/argon2";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CliError, runUsersCommand } from "../src/cli/users.ts";
import { auditEvents, users } from "../src/db/schema.ts";
import { createTestApp, signIn } from "./helpers.ts";

let t: Awaited<ReturnType<typeof createTestApp>>;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => await t.close());

async function run(args: string[], secret = "") {
  const lines: string[] = [];
  await runUsersCommand(
    t.db,
    args,
    (l) => lines.push(l),
    async () => secret,
  );
  return lines.join("\n");
}

describe("npm run users", () => {
  it("creates a real account with a password from standard input, and it can sign in with its role", async () => {
    const out = await run(
      [
        "create",
        "--email",
        "Claire.Martin@Reseau-Canope.fr",
        "--name",
        "Claire Martin",
        "--role",
        "atelier:86",
        "--role",
        "national",
        "--password-stdin",
      ],
      "une-phrase-de-passe-solide",
    );
    expect(out).toContain("Compte créé : claire.martin@reseau-canope.fr");
    const [row] = await t.db.select().from(users).where(eq(users.email, "claire.martin@reseau-canope.fr"));
    expect(row?.passwordHash?.startsWith("$argon2id$")).toBe(true);
    expect(await verify(row?.passwordHash ?? "", "une-phrase-de-passe-solide")).toBe(true);
    const s = await signIn(t.app, "claire.martin@reseau-canope.fr", "une-phrase-de-passe-solide");
    expect(s.me.roles).toEqual([{ role: "national" }, { role: "atelier", atelierCode: "86" }]);
    const audit = await t.db.select().from(auditEvents).where(eq(auditEvents.action, "user.created"));
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0]?.details)).not.toContain("une-phrase-de-passe-solide");
  });

  it("generates and prints a strong password when none is given", async () => {
    const out = await run(["create", "--email", "dt@reseau-canope.fr", "--name", "Julien Roux", "--role", "territory:normandie"]);
    const password = /affiché une seule fois.*: (\S+)$/m.exec(out)?.[1] ?? "";
    expect(password.length).toBeGreaterThanOrEqual(20);
    expect((await signIn(t.app, "dt@reseau-canope.fr", password)).me.roles).toEqual([{ role: "territory", territoryCode: "normandie" }]);
  });

  it("refuses bad input with a French reason and changes nothing", async () => {
    const before = (await t.db.select({ n: sql<number>`count(*)::int` }).from(users))[0]?.n;
    const cases: [string[], RegExp, string?][] = [
      [["create", "--email", "x@y.fr", "--name", "X", "--role", "atelier:96"], /n'existe pas/],
      [["create", "--email", "x@y.fr", "--name", "X", "--role", "territory"], /une direction territoriale/],
      [["create", "--email", "x@y.fr", "--name", "X", "--role", "chef"], /Rôle inconnu/],
      [["create", "--email", "pas-une-adresse", "--name", "X"], /Adresse électronique invalide/],
      [["create", "--email", "x@y.fr", "--name", "X", "--password-stdin"], /au moins 12 caractères/, "court"],
      [["create", "--email", "claire.martin@reseau-canope.fr", "--name", "Encore"], /existe déjà/],
      [["grant", "--email", "personne@nulle-part.fr", "--role", "national"], /Aucun compte/],
      [["supprimer"], /Commande inconnue/],
    ];
    for (const [args, message, secret] of cases) {
      await expect(run(args, secret), args.join(" ")).rejects.toThrow(message);
      await expect(run(args, secret)).rejects.toBeInstanceOf(CliError);
    }
    expect((await t.db.select({ n: sql<number>`count(*)::int` }).from(users))[0]?.n).toBe(before);
  });

  it("grants, revokes, disables (closing sessions) and lists", async () => {
    await run(
      ["create", "--email", "multi@reseau-canope.fr", "--name", "Sophie Leroy", "--role", "viewer", "--password-stdin"],
      "encore-un-bon-secret",
    );
    await run(["grant", "--email", "multi@reseau-canope.fr", "--role", "atelier:2a"]);
    const s = await signIn(t.app, "multi@reseau-canope.fr", "encore-un-bon-secret");
    expect(s.me.roles).toEqual([{ role: "viewer" }, { role: "atelier", atelierCode: "2A" }]);
    await run(["revoke", "--email", "multi@reseau-canope.fr", "--role", "viewer"]);
    expect((await t.app.inject({ url: "/api/me", headers: { cookie: s.cookie } })).json().roles).toEqual([
      { role: "atelier", atelierCode: "2A" },
    ]);
    await run(["disable", "--email", "multi@reseau-canope.fr"]);
    expect((await t.app.inject({ url: "/api/me", headers: { cookie: s.cookie } })).statusCode).toBe(401);
    const list = await run(["list"]);
    expect(list).toMatch(/✗ multi@reseau-canope\.fr\s+Sophie Leroy\s+atelier:2A/);
    await run(["enable", "--email", "multi@reseau-canope.fr"]);
    expect((await signIn(t.app, "multi@reseau-canope.fr", "encore-un-bon-secret")).me.email).toBe("multi@reseau-canope.fr");
  });
});
