/**
 * Text PostgreSQL cannot store, refused at the door of every route: a NUL
 * character (text columns reject it, jsonb rejects its \u0000 escape) or a
 * lone UTF-16 surrogate (jsonb rejects its escape; a text column would
 * silently turn it into U+FFFD, so what is read back is not what was sent).
 * Checking once here, before validation and handlers, keeps routes free of it
 * and answers before any query runs, so a refused request changes nothing.
 */
import type { FastifyInstance, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { validationFailed } from "../../errors.ts";

const NUL = "\u0000";
/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, "g");

export const hasUnstorableText = (text: string): boolean => text.includes(NUL) || LONE_SURROGATE.test(text);
const displayable = (text: string): string => text.replaceAll(NUL, "\uFFFD").replace(LONE_SURROGATES, "\uFFFD");

const TEXT_MESSAGE =
  "Ce texte contient un caractère qui ne peut pas être enregistré (caractère nul ou caractère Unicode incomplet) : retirez-le.";
const KEY_MESSAGE = "Ce nom de champ contient un caractère qui ne peut pas être enregistré (caractère nul ou caractère Unicode incomplet).";
const MESSAGE = "La requête contient du texte qui ne peut pas être enregistré : retirez les caractères invalides des champs signalés.";

/** Enough to show the person where to look; a body full of bad text must not make an answer as large. */
const MAX_REPORTED = 20;
const MAX_FIELD_LENGTH = 200;

/** The field named when a whole part of the request is the bad text (a CSV body is one string). */
const PART_LABELS = { body: "corps", query: "paramètres", params: "adresse" } as const;
type Part = keyof typeof PART_LABELS;

/** A value met on the walk, with the way back to the root (a path is only built for what is reported). */
interface Node {
  value: unknown;
  key: string | null;
  parent: Node | null;
}

/**
 * A path in the dotted form validation errors use ("values.highlights",
 * "rows.3"), with the bad characters of a key replaced so the answer is
 * itself storable and displayable, and cut to a sane length.
 */
function fieldName(part: Part, node: Node): string {
  const path: string[] = [];
  for (let n: Node | null = node; n && n.key !== null; n = n.parent) path.push(displayable(n.key));
  if (path.length === 0) return PART_LABELS[part];
  const name = path.reverse().join(".");
  return name.length > MAX_FIELD_LENGTH ? `${name.slice(0, MAX_FIELD_LENGTH)}…` : name;
}

/**
 * Walks a parsed value without recursion and without copying paths: a JSON
 * body nested a hundred thousand levels deep fits in the body limit, and must
 * neither overflow the stack nor cost quadratic time.
 */
export function findUnstorableText(part: Part, value: unknown, found: { field: string; message: string }[]): void {
  const stack: Node[] = [{ value, key: null, parent: null }];
  while (stack.length > 0 && found.length < MAX_REPORTED) {
    const node = stack.pop() as Node;
    const current = node.value;
    if (typeof current === "string") {
      if (hasUnstorableText(current)) found.push({ field: fieldName(part, node), message: TEXT_MESSAGE });
      continue;
    }
    if (typeof current !== "object" || current === null) continue;
    // A Buffer or a stream body is not text to check.
    if (Buffer.isBuffer(current) || typeof (current as { pipe?: unknown }).pipe === "function") continue;
    if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) stack.push({ value: current[i], key: String(i), parent: node });
      continue;
    }
    const entries = Object.entries(current);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i] as [string, unknown];
      const childNode = { value: child, key, parent: node };
      if (hasUnstorableText(key)) found.push({ field: fieldName(part, childNode), message: KEY_MESSAGE });
      else stack.push(childNode);
    }
  }
}

export function unstorableTextOf(request: Pick<FastifyRequest, "params" | "query" | "body">) {
  const found: { field: string; message: string }[] = [];
  findUnstorableText("params", request.params, found);
  findUnstorableText("query", request.query, found);
  findUnstorableText("body", request.body, found);
  return found;
}

export default fp(
  async function textGuard(app: FastifyInstance) {
    // preValidation: the body is parsed, and neither the schema nor a guard nor a handler has run.
    app.addHook("preValidation", async (request) => {
      const found = unstorableTextOf(request);
      if (found.length > 0) throw validationFailed(found, MESSAGE);
    });
  },
  { name: "text-guard" },
);
