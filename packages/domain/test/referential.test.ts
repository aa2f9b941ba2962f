import { describe, expect, it } from "vitest";
import { compareAtelierCodes, isAtelierCode, normalizeEmail, passwordProblems, territoryOn } from "../src/index.ts";

describe("referential", () => {
  it("knows département codes, Corsica and overseas included", () => {
    for (const ok of ["01", "19", "2A", "2B", "21", "95", "971", "976"]) expect(isAtelierCode(ok), ok).toBe(true);
    for (const bad of ["00", "20", "96", "970", "975", "977", "2C", "1", "86 "]) expect(isAtelierCode(bad), bad).toBe(false);
  });

  it("sorts codes as people read them", () => {
    expect(["971", "2B", "21", "2A", "19", "01"].sort(compareAtelierCodes)).toEqual(["01", "19", "2A", "2B", "21", "971"]);
  });

  it("finds the territory of a day: a move does not rewrite the past", () => {
    const history = [
      { territoryCode: "centre-val-de-loire", validFrom: "2016-01-01", validTo: "2026-01-01" },
      { territoryCode: "normandie", validFrom: "2026-01-01", validTo: null },
    ];
    expect(territoryOn(history, "2015-12-31")).toBeNull();
    expect(territoryOn(history, "2016-01-01")).toBe("centre-val-de-loire");
    expect(territoryOn(history, "2025-12-31")).toBe("centre-val-de-loire");
    expect(territoryOn(history, "2026-01-01")).toBe("normandie");
    expect(territoryOn(history, "2030-06-15")).toBe("normandie");
  });
});

describe("identity", () => {
  it("finds an account whatever the case and spaces of the email", () => {
    expect(normalizeEmail("  Claire.Martin@Reseau-Canope.FR ")).toBe("claire.martin@reseau-canope.fr");
  });

  it("asks real accounts for a long, varied password", () => {
    expect(passwordProblems("a".repeat(11))).toHaveLength(2);
    expect(passwordProblems("correct-cheval-batterie")).toEqual([]);
    expect(passwordProblems("claire.martin-2026!", "claire.martin@reseau-canope.fr")).toEqual([
      "Le mot de passe ne doit pas contenir l'identifiant de l'adresse électronique.",
    ]);
    expect(passwordProblems("x".repeat(300)).length).toBeGreaterThan(0);
  });
});
