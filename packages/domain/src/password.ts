/**
 * The password policy of section 7.2: 12 to 128 characters, no composition
 * rule, refused when it is (or is built on) the person's email or name, or
 * when a strength estimator with French and common dictionaries finds it easy
 * to guess. The same function runs on the server (the rule) and in the
 * browser as the person types (the explanation), so both say the same thing.
 *
 * Imported as `@enquete/domain/password`, not from the package's index: its
 * dictionaries are large, and only the password pages need them.
 */
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as fr from "@zxcvbn-ts/language-fr";
import { normalizeEmail } from "./identity.ts";

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;
/** zxcvbn's score, 0 (guessed at once) to 4: 3 is "safely unguessable" against an online attack and more. */
export const PASSWORD_MIN_SCORE = 3;

let factory: ZxcvbnFactory | null = null;
const estimator = () => {
  factory ??= new ZxcvbnFactory({
    translations: fr.translations,
    graphs: common.adjacencyGraphs,
    dictionary: { ...common.dictionary, ...fr.dictionary },
  });
  return factory;
};

export interface PasswordPerson {
  email?: string | null;
  displayName?: string | null;
}

export interface PasswordVerdict {
  ok: boolean;
  /** Why it is refused, in French (empty when accepted). */
  problems: string[];
  /** 0 to 4 (null when the length alone refuses it). */
  score: number | null;
  /** What would make it stronger, in French. */
  suggestions: string[];
}

const fold = (text: string) => text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();

/** The pieces of a person's identity a password must not be built on (3 letters or more). */
function personalWords(person: PasswordPerson): string[] {
  const words = new Set<string>();
  const email = person.email ? normalizeEmail(person.email) : "";
  if (email) {
    words.add(email);
    const local = email.split("@")[0] ?? "";
    words.add(local);
    for (const part of local.split(/[._+-]+/)) words.add(part);
  }
  const name = person.displayName?.trim() ?? "";
  if (name) {
    words.add(name.replace(/\s+/g, ""));
    for (const part of name.split(/[\s'’-]+/)) words.add(part);
  }
  return [...words].map(fold).filter((w) => w.length >= 3);
}

export function checkPassword(password: string, person: PasswordPerson = {}): PasswordVerdict {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) {
    return {
      ok: false,
      problems: [`Le mot de passe doit compter au moins ${PASSWORD_MIN_LENGTH} caractères (il en a ${length}).`],
      score: null,
      suggestions: ["Une phrase de plusieurs mots est plus facile à retenir et plus sûre."],
    };
  }
  if (length > PASSWORD_MAX_LENGTH) {
    return {
      ok: false,
      problems: [`Le mot de passe ne doit pas dépasser ${PASSWORD_MAX_LENGTH} caractères.`],
      score: null,
      suggestions: [],
    };
  }
  const problems: string[] = [];
  const folded = fold(password).replace(/\s+/g, "");
  const email = person.email ? fold(normalizeEmail(person.email)) : "";
  const local = email.split("@")[0] ?? "";
  const name = fold(person.displayName?.replace(/\s+/g, "") ?? "");
  if (email && (folded === email || folded === local)) {
    problems.push("Le mot de passe ne doit pas être votre adresse électronique.");
  } else if (name && folded === name) {
    problems.push("Le mot de passe ne doit pas être votre nom.");
  }
  const words = personalWords(person);
  const result = estimator().check(password, words);
  if (problems.length === 0 && (builtOn(folded, words) || (result.score < PASSWORD_MIN_SCORE && matchesPerson(result)))) {
    problems.push("Ce mot de passe est construit sur votre nom ou votre adresse électronique : il serait vite deviné.");
  } else if (problems.length === 0 && result.score < PASSWORD_MIN_SCORE) {
    problems.push(
      result.feedback.warning
        ? `Ce mot de passe serait vite deviné : ${lowerFirst(result.feedback.warning)}`
        : "Ce mot de passe serait vite deviné : il est trop courant ou trop prévisible.",
    );
  }
  return { ok: problems.length === 0, problems, score: result.score, suggestions: result.feedback.suggestions };
}

/** The reasons alone (empty: accepted), for the command line and the API. */
export const passwordProblems = (password: string, person: PasswordPerson = {}) => checkPassword(password, person).problems;

/** Nothing but the person's words, digits and signs: "claire.martin2026", "Martin Claire !". */
function builtOn(folded: string, words: string[]): boolean {
  if (words.length === 0) return false;
  let rest = folded;
  for (const w of [...words].sort((a, b) => b.length - a.length)) rest = rest.split(w.replace(/\s+/g, "")).join(" ");
  if (rest === folded) return false;
  return rest.replace(/[^\p{L}]/gu, "").length < 4;
}

const matchesPerson = (result: { sequence: unknown[] }) =>
  result.sequence.some(
    (m) => (m as { pattern?: string }).pattern === "dictionary" && (m as { dictionaryName?: string }).dictionaryName === "userInputs",
  );

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);
