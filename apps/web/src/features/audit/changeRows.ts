import type { TAuditEvent, TRoleGrant } from "@enquete/contract";
import { ROLES } from "@enquete/domain";
import { formatDateTime, formatDay, yesNo } from "../../shared/format.ts";
import { NO_NAMES, roleLine, type ScopeNames } from "../profile/roleLines.ts";

/** One line of an event's details: what changed, from what, to what. */
export type ChangeRow = { label: string; before?: string; after?: string; value?: string };

/** The journal's field names in French; one the code adds later shows as its code until it gets a label here. */
const KEY_LABELS: Record<string, string> = {
  email: "Adresse électronique",
  displayName: "Nom",
  roles: "Rôles",
  grants: "Rôles",
  active: "Compte actif",
  purpose: "Motif",
  count: "Nombre",
  scope: "Portée",
  value: "Valeur",
  label: "Nom",
  name: "Nom",
  expiresOn: "Date d'expiration",
  prefix: "Début du jeton",
  sentTo: "Envoyé à",
  expiresAt: "Valable jusqu'au",
  code: "Code",
  city: "Ville",
  territoryCode: "Direction territoriale",
  atelierCode: "Atelier",
  from: "À partir de",
  reason: "Motif",
  comment: "Commentaire",
  year: "Année",
  period: "Mois",
};

const VALUE_LABELS: Record<string, Record<string, string>> = {
  purpose: { invitation: "Invitation", password_reset: "Mot de passe oublié" },
  scope: { others: "Les autres sessions", all: "Toutes les sessions" },
};

const isGrant = (v: unknown): v is TRoleGrant =>
  typeof v === "object" && v !== null && (ROLES as readonly string[]).includes((v as { role?: unknown }).role as string);

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A recorded value as a person reads it: roles in French, dates in Paris time, Oui/Non. */
export function valueText(key: string, value: unknown, names: ScopeNames = NO_NAMES): string {
  if (value === null || value === undefined || value === "") return "—";
  if (typeof value === "boolean") return yesNo(value);
  if (typeof value === "number") return value.toLocaleString("fr-FR");
  if (typeof value === "string") {
    const known = VALUE_LABELS[key]?.[value];
    if (known) return known;
    if (key === "territoryCode") return names.territories.get(value) ?? value;
    if (key === "atelierCode") return names.ateliers.get(value) ?? value;
    if (ISO_INSTANT.test(value)) return formatDateTime(value);
    if (ISO_DAY.test(value)) return formatDay(value);
    return value;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return "aucun";
    return value.map((v) => (isGrant(v) ? roleLine(v, names) : valueText(key, v, names))).join(" ; ");
  }
  if (isGrant(value)) return roleLine(value, names);
  if (typeof value === "object") {
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${KEY_LABELS[k] ?? k} : ${valueText(k, v, names)}`)
      .join(", ");
  }
  return String(value);
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * What an event changed, field by field: the fields whose value differs
 * before and after (all of them for a creation), then its other details.
 */
export function changeRows(event: Pick<TAuditEvent, "before" | "after" | "details">, names: ScopeNames = NO_NAMES): ChangeRow[] {
  const rows: ChangeRow[] = [];
  const { before, after } = event;
  if (isRecord(before) || isRecord(after)) {
    const b = isRecord(before) ? before : {};
    const a = isRecord(after) ? after : {};
    for (const key of [...new Set([...Object.keys(b), ...Object.keys(a)])]) {
      const label = KEY_LABELS[key] ?? key;
      const was = valueText(key, b[key], names);
      const is = valueText(key, a[key], names);
      if (!isRecord(before)) rows.push({ label, value: is });
      else if (!isRecord(after)) rows.push({ label, before: was });
      else if (was !== is) rows.push({ label, before: was, after: is });
    }
  } else if (before !== null || after !== null) {
    rows.push({ label: "Valeur", before: valueText("value", before, names), after: valueText("value", after, names) });
  }
  for (const [key, value] of Object.entries(event.details)) {
    if (key === "before" || key === "after") continue;
    rows.push({ label: KEY_LABELS[key] ?? key, value: valueText(key, value, names) });
  }
  return rows;
}
