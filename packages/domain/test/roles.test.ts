import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canReadAtelier, canReadTerritory, hasRole, type RoleGrant, sortGrants, toRoleGrant } from "../src/index.ts";

describe("toRoleGrant", () => {
  it("accepts each role with the scope it needs", () => {
    expect(toRoleGrant("atelier", { atelierCode: "86" })).toEqual({ role: "atelier", atelierCode: "86" });
    expect(toRoleGrant("territory", { territoryCode: "normandie" })).toEqual({ role: "territory", territoryCode: "normandie" });
    for (const r of ["national", "admin", "viewer"]) expect(toRoleGrant(r, {})).toEqual({ role: r });
  });

  it("refuses a role without its scope, with the wrong scope, or unknown", () => {
    expect(toRoleGrant("atelier", {})).toHaveProperty("error");
    expect(toRoleGrant("atelier", { atelierCode: "86", territoryCode: "normandie" })).toHaveProperty("error");
    expect(toRoleGrant("territory", { atelierCode: "86" })).toHaveProperty("error");
    expect(toRoleGrant("national", { atelierCode: "86" })).toHaveProperty("error");
    expect(toRoleGrant("superuser", {})).toEqual({ error: expect.stringContaining("Rôle inconnu") });
  });
});

describe("scopes", () => {
  const atelier86: RoleGrant = { role: "atelier", atelierCode: "86" };
  const dtAlpc: RoleGrant = { role: "territory", territoryCode: "aquitaine-limousin-poitou-charentes" };

  it("an atelier director reads their atelier only", () => {
    expect(canReadAtelier([atelier86], "86", "aquitaine-limousin-poitou-charentes")).toBe(true);
    expect(canReadAtelier([atelier86], "87", "aquitaine-limousin-poitou-charentes")).toBe(false);
    expect(canReadTerritory([atelier86], "aquitaine-limousin-poitou-charentes")).toBe(false);
  });

  it("a territorial director reads the ateliers of the territory, not an atelier with none", () => {
    expect(canReadAtelier([dtAlpc], "87", "aquitaine-limousin-poitou-charentes")).toBe(true);
    expect(canReadAtelier([dtAlpc], "14", "normandie")).toBe(false);
    expect(canReadAtelier([dtAlpc], "87", null)).toBe(false);
    expect(canReadTerritory([dtAlpc], "normandie")).toBe(false);
  });

  it("national and admin read every atelier; the viewer reads territories but no atelier", () => {
    expect(canReadAtelier([{ role: "national" }], "2A", "paca-corse")).toBe(true);
    expect(canReadAtelier([{ role: "admin" }], "2A", null)).toBe(true);
    expect(canReadAtelier([{ role: "viewer" }], "2A", "paca-corse")).toBe(false);
    expect(canReadTerritory([{ role: "viewer" }], "paca-corse")).toBe(true);
  });

  it("no grant reads nothing; more grants never read less (property)", () => {
    const grant = fc.oneof(
      fc.constantFrom("86", "14", "2A").map((a): RoleGrant => ({ role: "atelier", atelierCode: a })),
      fc.constantFrom("normandie", "paca-corse").map((t): RoleGrant => ({ role: "territory", territoryCode: t })),
      fc.constantFrom("national", "admin", "viewer").map((r) => ({ role: r }) as RoleGrant),
    );
    fc.assert(
      fc.property(
        fc.array(grant),
        grant,
        fc.constantFrom("86", "14", "2A"),
        fc.constantFrom("normandie", "paca-corse", null),
        (gs, extra, a, t) => {
          expect(canReadAtelier([], a, t)).toBe(false);
          if (canReadAtelier(gs, a, t)) expect(canReadAtelier([...gs, extra], a, t)).toBe(true);
        },
      ),
    );
  });

  it("hasRole and sortGrants", () => {
    const gs: RoleGrant[] = [atelier86, { role: "national" }, dtAlpc];
    expect(hasRole(gs, "admin")).toBe(false);
    expect(hasRole(gs, "admin", "national")).toBe(true);
    expect(sortGrants(gs).map((g) => g.role)).toEqual(["national", "territory", "atelier"]);
  });
});
