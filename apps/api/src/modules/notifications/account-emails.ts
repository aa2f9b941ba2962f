/**
 * The emails about a person's account: an invitation, a password reset link,
 * a token about to expire. The first two carry a secret (a single-use link):
 * the outbox keeps it only until the email is sent, and never shows it.
 */
import { INVITATION_LINK_HOURS, PASSWORD_LINK_PATH, RESET_LINK_MINUTES } from "@enquete/domain";
import { longDate } from "./dates.ts";
import type { EmailContent } from "./emails.ts";

export const ACCOUNT_EMAIL_KINDS = ["account_invitation", "password_reset", "token_expiry"] as const;
export type AccountEmailKind = (typeof ACCOUNT_EMAIL_KINDS)[number];

/** Kinds whose link is a secret: masked in the outbox list, removed once sent. */
export const SECRET_LINK_KINDS: readonly string[] = ["account_invitation", "password_reset"];

export const isAccountEmailKind = (kind: string): kind is AccountEmailKind => (ACCOUNT_EMAIL_KINDS as readonly string[]).includes(kind);

export const ACCOUNT_LINK_LABEL: Record<AccountEmailKind, string> = {
  account_invitation: "Choisir mon mot de passe",
  password_reset: "Choisir un nouveau mot de passe",
  token_expiry: "Gérer mes jetons d'API",
};

export const ACCOUNT_FOOTER = "Ce message concerne la sécurité de votre compte : il ne peut pas être désactivé.";

/** The link of an email with a secret: the secret goes after #, so that it never reaches a server log. */
export const passwordLink = (token: string) => `${PASSWORD_LINK_PATH}#${token}`;

export function invitationEmail(input: { displayName: string; invitedBy: string; roles: string[]; token: string }): EmailContent {
  return {
    subject: "Votre compte sur Enquête atelier",
    body: [
      `Bonjour ${input.displayName},`,
      `${input.invitedBy} vous a ouvert un compte sur Enquête atelier, la plateforme de l'enquête mensuelle d'activité des ateliers Canopé.`,
      input.roles.length > 0 ? `Vos accès :\n${input.roles.map((r) => `- ${r}`).join("\n")}` : "",
      `Pour l'activer, choisissez votre mot de passe avec le lien ci-dessous. Il ne sert qu'une fois et reste valable ${INVITATION_LINK_HOURS} heures ; passé ce délai, demandez un nouveau lien à l'administration de la plateforme.`,
      "Si vous n'attendiez pas ce message, vous pouvez l'ignorer : aucun compte ne sera utilisable sans ce lien.",
    ]
      .filter(Boolean)
      .join("\n\n"),
    link: passwordLink(input.token),
  };
}

export function passwordResetEmail(input: { displayName: string; token: string }): EmailContent {
  return {
    subject: "Choisir un nouveau mot de passe pour Enquête atelier",
    body: [
      `Bonjour ${input.displayName},`,
      `Une demande de nouveau mot de passe a été faite pour votre compte. Le lien ci-dessous ne sert qu'une fois et reste valable ${RESET_LINK_MINUTES} minutes. Une fois le mot de passe choisi, toutes vos sessions ouvertes sont fermées.`,
      "Si vous n'avez rien demandé, ignorez ce message : votre mot de passe actuel reste valable.",
    ].join("\n\n"),
    link: passwordLink(input.token),
  };
}

export function tokenExpiryEmail(input: { displayName: string; label: string; prefix: string; expiresOn: string }): EmailContent {
  return {
    subject: `Votre jeton d'API « ${input.label} » expire le ${longDate(input.expiresOn)}`,
    body: [
      `Bonjour ${input.displayName},`,
      `Votre jeton d'API « ${input.label} » (${input.prefix}…) cesse de fonctionner après le ${longDate(input.expiresOn)}. Les scripts qui l'utilisent recevront alors une erreur 401.`,
      "Pour continuer, créez un nouveau jeton dans votre profil et remplacez l'ancien dans vos scripts.",
    ].join("\n\n"),
    link: "/profil#jetons",
  };
}
