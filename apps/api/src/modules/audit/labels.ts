/**
 * The journal in French: every action name the code writes (grep `action:`
 * and `recordAudit` in apps/api/src), and how each kind of subject is named.
 * An action this table does not know yet is shown by its code rather than
 * hidden: the journal never drops a line.
 */
import { ofPeriod } from "@enquete/domain";

export const ACTION_LABELS: Record<string, string> = {
  // Accounts, by the administrators' screens.
  "user.created": "Compte créé",
  "user.renamed": "Compte renommé",
  "user.roles_changed": "Rôles modifiés",
  "user.deactivated": "Compte désactivé",
  "user.reactivated": "Compte réactivé",
  "user.invitation_sent": "Invitation envoyée",
  // Accounts, by the server's command line (npm run users).
  "user.updated": "Compte modifié (ligne de commande)",
  "user.roles_revoked": "Rôles retirés (ligne de commande)",
  "user.disabled": "Compte désactivé (ligne de commande)",
  "user.enabled": "Compte réactivé (ligne de commande)",
  // The person's own access.
  "password.reset_requested": "Nouveau mot de passe demandé",
  "password.set": "Mot de passe choisi par un lien",
  "password.changed": "Mot de passe changé",
  "token.created": "Jeton d'API créé",
  "token.revoked": "Jeton d'API révoqué",
  "sessions.ended": "Sessions fermées",
  // National settings and figures.
  "setting.changed": "Paramètre modifié",
  "year.closed": "Année clôturée",
  "target.set": "Cible fixée",
  "distance_learning.set": "Journées FOAD saisies",
  // The referential.
  "territory.created": "Direction territoriale créée",
  "territory.renamed": "Direction territoriale renommée",
  "atelier.opened": "Atelier ouvert",
  "atelier.renamed": "Atelier renommé",
  "atelier.moved": "Atelier rattaché à une autre direction territoriale",
  "atelier.closed": "Atelier fermé",
  "atelier.closure_cancelled": "Fermeture d'atelier annulée",
  "atelier.attributes": "Attributs d'atelier modifiés",
  "demo.seeded": "Données de démonstration chargées",
  "form.create": "Brouillon de questionnaire créé",
  "form.update": "Brouillon de questionnaire modifié",
  "form.delete": "Brouillon de questionnaire supprimé",
  "form.publish": "Version du questionnaire publiée",
};

export const actionLabel = (action: string) => ACTION_LABELS[action] ?? action;

const SETTING_LABELS: Record<string, string> = {
  dueDay: "Jour d'échéance des rapports",
  reminderDaysBefore: "Jours de rappel avant la date limite",
  reminderDaysAfter: "Jours de relance après la date limite",
  contactEmail: "Adresse de contact des pages publiques",
  hostingNotice: "Mention d'hébergement des mentions légales",
};

/** What the journal needs to know to name a subject: looked up in one go per page. */
export interface SubjectNames {
  users: Map<string, { displayName: string; email: string }>;
  tokens: Map<string, { label: string; prefix: string; owner: string }>;
  ateliers: Map<string, string>;
  territories: Map<string, string>;
}

/** Splits "kind:rest" at the first colon ("target:1-1:2026" is kind target, rest "1-1:2026"). */
export function subjectParts(subject: string): { kind: string; rest: string } {
  const i = subject.indexOf(":");
  return i < 0 ? { kind: subject, rest: "" } : { kind: subject.slice(0, i), rest: subject.slice(i + 1) };
}

export function subjectLabel(subject: string, names: SubjectNames): string {
  const { kind, rest } = subjectParts(subject);
  switch (kind) {
    case "user": {
      const u = names.users.get(rest);
      return u ? `${u.displayName} <${u.email}>` : `Compte ${rest} (supprimé)`;
    }
    case "token": {
      const t = names.tokens.get(rest);
      return t ? `Jeton d'API « ${t.label} » (${t.prefix}…) de ${t.owner}` : `Jeton d'API ${rest}`;
    }
    case "atelier":
      return names.ateliers.get(rest) ?? `Atelier ${rest}`;
    case "territory": {
      const name = names.territories.get(rest);
      return name ? `Direction territoriale ${name}` : `Direction territoriale ${rest}`;
    }
    case "setting":
      return SETTING_LABELS[rest] ?? `Paramètre ${rest}`;
    case "year":
      return `Année ${rest}`;
    case "target": {
      const [indicator, year] = rest.split(":");
      return year ? `Cible de l'indicateur ${indicator} pour ${year}` : `Cible de l'indicateur ${rest}`;
    }
    case "distance_learning":
      return /^\d{4}-(0[1-9]|1[0-2])$/.test(rest) ? `Journées FOAD ${ofPeriod(rest)}` : subject;
    case "platform":
      return "La plateforme";
    case "form":
      return `Questionnaire, version ${rest}`;
    default:
      return subject;
  }
}
