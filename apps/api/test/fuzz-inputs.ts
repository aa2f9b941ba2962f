/**
 * What the property tests send: arbitraries of malformed text, JSON of any
 * shape, bodies a little off the valid ones, query strings, path segments and
 * headers. Only what HTTP itself can carry: header values are printable
 * ASCII, since Node's parser refuses the rest before the app sees it.
 */
import fc from "fast-check";

/** Characters PostgreSQL cannot store: NUL, lone high and low surrogates. */
export const badChar = fc.constantFrom("\u0000", "\uD800", "\uDBFF", "\uDC00", "\uDFFF");

/** Any UTF-16 code unit: NUL and lone surrogates included. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));
const printable = fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c));

export function text(known: readonly string[] = []) {
  return fc.oneof(
    { weight: 3, arbitrary: fc.string({ maxLength: 30 }) },
    { weight: 2, arbitrary: fc.string({ unit: codeUnit, maxLength: 20 }) },
    { weight: 2, arbitrary: fc.tuple(fc.string({ maxLength: 10 }), badChar, fc.string({ maxLength: 10 })).map((p) => p.join("")) },
    { weight: known.length > 0 ? 3 : 0, arbitrary: known.length > 0 ? fc.constantFrom(...known) : fc.constant("") },
    { weight: 1, arbitrary: fc.string({ unit: "binary", minLength: 2_001, maxLength: 3_000 }) },
  );
}

const number = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -0, -1, 1, 1.5, 28, 29, 2016, 2100, 1e308, -1e308, 5e-324, Number.MAX_SAFE_INTEGER + 2),
);

/** JSON of any shape, with keys of the route's own schema often, so validation is passed more than refused. */
export function jsonValue(keys: readonly string[], known: readonly string[]) {
  const key = fc.oneof(
    { weight: 3, arbitrary: keys.length > 0 ? fc.constantFrom(...keys) : fc.string() },
    { weight: 1, arbitrary: text() },
  );
  const scalar = fc.oneof(text(known), number, fc.boolean(), fc.constant(null));
  const { value } = fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
      { depthSize: "small", maxDepth: 5 },
      scalar,
      fc.array(tie("value"), { maxLength: 4 }),
      fc.dictionary(key, tie("value"), { maxKeys: 5 }),
    ),
  }));
  return value;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every place in a value (the root, each key and index) as a path. */
function places(value: Json, path: (string | number)[] = [], out: (string | number)[][] = []) {
  out.push(path);
  if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) places(v, [...path, i], out);
  } else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) places(v, [...path, k], out);
  }
  return out;
}

/**
 * A valid body with one thing wrong: a value replaced by anything or by
 * another real value, bad characters slipped into a text or a key, or a
 * member dropped. These reach
 * past validation into the services, where random JSON rarely gets.
 */
export function mutated(template: Json, keys: readonly string[], known: readonly string[]) {
  return fc
    .record({
      at: fc.nat(),
      kind: fc.constantFrom("replace", "swap", "swap", "bad-text", "bad-text", "bad-key", "drop", "drop", "keep", "keep", "keep"),
      // Another real value in the place of one: a colleague's email, a code that exists, a wrong password.
      other: known.length > 0 ? fc.constantFrom(...known) : fc.string(),
      value: jsonValue(keys, known),
      bad: fc.tuple(fc.string({ maxLength: 5 }), badChar).map((p) => p.join("")),
    })
    .map(({ at, kind, value, bad, other }) => {
      const copy = structuredClone(template);
      const all = places(copy);
      const path = all[at % all.length] as (string | number)[];
      if (kind === "keep") return copy;
      if (path.length === 0) return kind === "replace" ? value : kind === "swap" ? other : kind === "bad-text" ? bad : copy;
      const parent = path.slice(0, -1).reduce<Json>((v, k) => (v as Record<string, Json>)[k] as Json, copy) as Record<string, unknown>;
      const last = path[path.length - 1] as string;
      const current = parent[last];
      if (kind === "replace") parent[last] = value;
      else if (kind === "swap") parent[last] = other;
      else if (kind === "bad-text") parent[last] = typeof current === "string" ? `${current}${bad}` : bad;
      else if (kind === "bad-key" && current && typeof current === "object" && !Array.isArray(current))
        (current as Record<string, unknown>)[`k${bad}`] = value;
      else if (kind === "drop") delete parent[last];
      return copy;
    });
}

export const CONTENT_TYPES = [
  "application/json",
  "application/json; charset=utf-8",
  "APPLICATION/JSON",
  "application/json; charset=iso-8859-1",
  "application/problem+json",
  "text/plain",
  "text/csv",
  "text/csv; charset=utf-8",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=xyz",
  "application/octet-stream",
  ";",
  "application/json, text/plain",
  "*/*",
  "json",
] as const;

/** A body as bytes on the wire: JSON numbers JavaScript cannot represent, truncated or non-JSON text, deep nesting. */
export function rawText(known: readonly string[]) {
  return fc.oneof(
    text(known),
    fc.json().map((j) => j.slice(0, Math.max(1, Math.floor(j.length / 2)))),
    fc.constantFrom(
      '{"dueDay": 1e400}',
      '{"value": 123456789012345678901234567890}',
      '{"values": {"trainees": -1e309}}',
      '{"a":1,"a":2}',
      '{"__proto__": {"admin": true}}',
      '{"constructor": {"prototype": {"admin": true}}}',
      "null",
      "[]",
      '""',
      "true",
      "\ufeff{}",
      "period;moocTraineeDays;magistereTraineeDays\n2025-01;1;2\n",
    ),
    fc.integer({ min: 1_000, max: 60_000 }).map((depth) => `${"[".repeat(depth)}${"]".repeat(depth)}`),
    fc.integer({ min: 1_000, max: 20_000 }).map((depth) => `${'{"a":'.repeat(depth)}"\\u0000"${"}".repeat(depth)}`),
  );
}

/** A lone surrogate has no UTF-8 form: percent-encode its CESU-8 bytes, as a careless client would. */
export function encodeComponent(value: string): string {
  let out = "";
  for (const ch of value) {
    try {
      out += encodeURIComponent(ch);
    } catch {
      const c = ch.charCodeAt(0);
      out += [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)].map((b) => `%${b.toString(16).toUpperCase()}`).join("");
    }
  }
  return out;
}

/** Bytes no encoder would produce: a lone %, an unfinished sequence, invalid UTF-8. */
const RAW_PIECES = ["%", "%zz", "%E0%A4%A", "%FF", "%C0%AF", "%2e%2e", "%2F", "..", "%00"];

export function pathSegment(known: readonly string[]) {
  return fc.oneof(
    { weight: 12, arbitrary: fc.constantFrom(...known).map(encodeComponent) },
    { weight: 3, arbitrary: text().map(encodeComponent) },
    { weight: 1, arbitrary: fc.constantFrom(...RAW_PIECES) },
    { weight: 1, arbitrary: fc.string({ unit: "grapheme-ascii", minLength: 101, maxLength: 300 }).map(encodeComponent) },
  );
}

/**
 * A query string: the route's own keys, often with a value that fits (so the
 * request passes validation and reaches data), sometimes anything; plus
 * unknown keys and bytes no encoder would produce.
 */
export function queryString(keys: readonly string[], known: Readonly<Record<string, readonly string[]>>, anyKnown: readonly string[]) {
  const own = keys.map((key) =>
    fc
      .oneof(
        { weight: 2, arbitrary: fc.constant(undefined) },
        { weight: 8, arbitrary: fc.constantFrom(...(known[key] ?? anyKnown)) },
        { weight: 1, arbitrary: text(anyKnown) },
      )
      .map((value) => (value === undefined ? undefined : `${key}=${encodeComponent(value)}`)),
  );
  const key = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...keys, ...Object.keys(known)) },
    { weight: 1, arbitrary: text() },
    { weight: 1, arbitrary: fc.constantFrom("__proto__", "constructor", "a[b]", "a[]") },
  );
  const extra = fc.oneof(
    { weight: 8, arbitrary: fc.tuple(key, text(anyKnown)).map(([k, v]) => `${encodeComponent(k)}=${encodeComponent(v)}`) },
    { weight: 1, arbitrary: fc.constantFrom(...RAW_PIECES, "&", "=", "==", "a=%") },
  );
  return fc
    .tuple(
      fc.tuple(...own),
      fc.oneof({ weight: 3, arbitrary: fc.constant([]) }, { weight: 2, arbitrary: fc.array(extra, { maxLength: 4 }) }),
    )
    .map(([mine, more]) => {
      const pairs = [...mine.filter((p): p is string => p !== undefined), ...more];
      return pairs.length > 0 ? `?${pairs.join("&")}` : "";
    });
}

/** Present in `percent` of the cases. */
function sometimes<T>(arbitrary: fc.Arbitrary<T>, percent: number) {
  return fc.oneof({ weight: 100 - percent, arbitrary: fc.constant(undefined) }, { weight: percent, arbitrary });
}

const headerText = fc.string({ unit: printable, maxLength: 40 });

/**
 * Headers, each one mostly absent: a request refused at the first of them
 * (a cross-site origin, a content type nobody parses) never reaches the rest.
 */
export function headers(origin: string) {
  return fc
    .record({
      "if-match": sometimes(
        fc.oneof(
          fc.constantFrom('"1"', '"2"', '"3"', "1", 'W/"1"', "*", '"0"', '"-1"', '""', '"99999999999999999999"', '"1", "2"'),
          headerText,
        ),
        50,
      ),
      "content-type": sometimes(fc.oneof(fc.constantFrom(...CONTENT_TYPES), headerText), 15),
      accept: sometimes(fc.oneof(fc.constantFrom("application/json", "text/csv", "*/*", "text/html"), headerText), 30),
      origin: sometimes(fc.oneof({ weight: 2, arbitrary: fc.constant(origin) }, fc.constantFrom("https://pirate.example", "null")), 15),
      "sec-fetch-site": sometimes(
        fc.oneof({ weight: 2, arbitrary: fc.constant("same-origin") }, fc.constantFrom("cross-site", "none")),
        15,
      ),
      "x-forwarded-for": sometimes(fc.oneof(fc.ipV4(), headerText), 20),
      "accept-encoding": sometimes(fc.constantFrom("gzip", "br", "deflate", "identity", "*"), 30),
    })
    .map((all) => Object.fromEntries(Object.entries(all).filter(([, v]) => v !== undefined)) as Record<string, string>);
}
