import { describe, expect, it } from "vitest";
import { addDays, tokenExpiresSoon, tokenExpiryBounds, tokenExpiryProblem } from "../src/index.ts";
import { checkPassword, passwordProblems } from "../src/password.ts";

const claire = { email: "claire.martin@reseau-canope.fr", displayName: "Claire Martin" };

describe("password policy (section 7.2)", () => {
  it("asks for 12 to 128 characters, and says how many there are", () => {
    expect(passwordProblems("cheval-bleu")).toEqual(["Le mot de passe doit compter au moins 12 caractères (il en a 11)."]);
    expect(passwordProblems("é".repeat(129))).toEqual(["Le mot de passe ne doit pas dépasser 128 caractères."]);
    // Characters, not UTF-16 units: 12 emoji are 12 characters.
    expect(checkPassword("🙂".repeat(11)).problems[0]).toContain("il en a 11");
  });

  it("has no composition rule: a long passphrase of plain words passes", () => {
    expect(passwordProblems("le hérisson traverse la départementale à minuit")).toEqual([]);
    expect(passwordProblems("Tuile-Garance-Ventoux-73")).toEqual([]);
  });

  it("refuses common passwords, French ones included, with the estimator's reason in French", () => {
    for (const common of ["password1234", "motdepasse123", "azertyuiop123", "123456789012", "soleilsoleil"]) {
      const verdict = checkPassword(common);
      expect(verdict.ok, common).toBe(false);
      expect(verdict.problems[0], common).toMatch(/^Ce mot de passe serait vite deviné/);
    }
  });

  it("refuses the email, the name, and passwords built on them", () => {
    expect(passwordProblems("claire.martin@reseau-canope.fr", claire)).toEqual([
      "Le mot de passe ne doit pas être votre adresse électronique.",
    ]);
    expect(passwordProblems("Claire Martin", { ...claire, displayName: "Claire Martin Dupont" })).toHaveLength(1);
    expect(passwordProblems("ClaireMartinDupont", { ...claire, displayName: "Claire Martin Dupont" })).toEqual([
      "Le mot de passe ne doit pas être votre nom.",
    ]);
    expect(passwordProblems("claire.martin2026", claire)).toEqual([
      "Ce mot de passe est construit sur votre nom ou votre adresse électronique : il serait vite deviné.",
    ]);
    // The same password is fine for someone else.
    expect(passwordProblems("claire.martin2026", { email: "paul@canope.test", displayName: "Paul" })).not.toContain(
      "Ce mot de passe est construit sur votre nom ou votre adresse électronique : il serait vite deviné.",
    );
  });
});

describe("API tokens' last day (section 7.2: at most a year)", () => {
  it("runs from tomorrow to 366 days ahead, across a month, a year and a leap day", () => {
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(tokenExpiryBounds("2026-12-01")).toEqual({ min: "2026-12-02", max: "2027-12-02" });
    expect(tokenExpiryProblem("2026-12-02", "2026-12-01")).toBeNull();
    expect(tokenExpiryProblem("2027-12-02", "2026-12-01")).toBeNull();
    expect(tokenExpiryProblem("2026-12-01", "2026-12-01")).toBe("Choisissez une date d'expiration après aujourd'hui.");
    expect(tokenExpiryProblem("2027-12-03", "2026-12-01")).toBe(
      "Un jeton dure au plus 366 jours : choisissez au plus tard le 2 décembre 2027.",
    );
    expect(tokenExpiresSoon("2026-12-08", "2026-12-01")).toBe(true);
    expect(tokenExpiresSoon("2026-12-09", "2026-12-01")).toBe(false);
  });
});
