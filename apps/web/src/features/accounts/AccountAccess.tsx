import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { createModal } from "@codegouvfr/react-dsfr/Modal";
import { errorMessage } from "../../api/ApiError.ts";
import { usersApi } from "../../api/users.ts";
import { formatDateTime, plural } from "../../shared/format.ts";
import type { AccountSectionProps } from "./outcome.ts";
import { useChange } from "./useChange.ts";

const deactivateModal = createModal({ id: "desactiver-compte", isOpenedByDefault: false });
const reactivateModal = createModal({ id: "reactiver-compte", isOpenedByDefault: false });

/** The invitation still waiting, if any, and the account's access: deactivated or reactivated after a confirmation. */
export function AccountAccess({ user, onChanged }: AccountSectionProps) {
  const resend = useChange(usersApi.resendInvitation);
  const toggle = useChange(usersApi.update);
  const active = user.status !== "disabled";

  const resendNow = async () => {
    const sent = await resend.submit(user.id);
    if (sent) onChanged({ kind: "invitation", notice: { sentTo: sent.invitation.sentTo, expiresAt: sent.invitation.expiresAt } });
  };

  const confirm = async (activate: boolean) => {
    const done = await toggle.submit(user.id, { active: activate });
    if (!done) return;
    (activate ? reactivateModal : deactivateModal).close();
    onChanged({
      kind: "text",
      text: activate
        ? `Le compte de ${done.displayName} est réactivé : la personne peut de nouveau se connecter.`
        : `Le compte de ${done.displayName} est désactivé : ses sessions et ses jetons d'API ont pris fin.`,
    });
  };

  return (
    <>
      {user.status === "invited" && (
        <section aria-labelledby="invitation" className="fr-mb-4w">
          <h2 id="invitation" className="fr-h4">
            Invitation
          </h2>
          <p>{invitationText(user.invitation)}</p>
          <Button priority="secondary" iconId="fr-icon-mail-line" disabled={resend.pending} onClick={() => void resendNow()}>
            {resend.pending ? "Envoi…" : "Renvoyer l'invitation"}
          </Button>
          <p className="fr-hint-text fr-mt-1w">Un nouveau lien part aussitôt par courriel ; le précédent cesse de fonctionner.</p>
          {resend.error !== null && (
            <Alert small severity="error" className="fr-mt-2w" title="Invitation non envoyée" description={errorMessage(resend.error)} />
          )}
        </section>
      )}
      <section aria-labelledby="acces" className="fr-mb-4w">
        <h2 id="acces" className="fr-h4">
          Accès à la plateforme
        </h2>
        {active ? (
          <>
            <p>
              La personne peut se connecter. Si elle quitte ses fonctions, désactivez son compte : ses rôles et son historique sont
              conservés.
            </p>
            <Button
              priority="secondary"
              iconId="fr-icon-lock-line"
              nativeButtonProps={{ ...deactivateModal.buttonProps, onClick: () => toggle.reset() }}
            >
              Désactiver le compte
            </Button>
          </>
        ) : (
          <>
            <p>Le compte est désactivé : la personne ne peut plus se connecter, ni par mot de passe ni par ProConnect.</p>
            <Button
              priority="secondary"
              iconId="fr-icon-lock-unlock-line"
              nativeButtonProps={{ ...reactivateModal.buttonProps, onClick: () => toggle.reset() }}
            >
              Réactiver le compte
            </Button>
          </>
        )}
      </section>
      <deactivateModal.Component
        title={`Désactiver le compte de ${user.displayName} ?`}
        titleAs="h2"
        buttons={[
          { children: "Annuler", priority: "secondary" },
          {
            children: toggle.pending ? "Désactivation…" : "Confirmer la désactivation",
            iconId: "fr-icon-lock-line",
            doClosesModal: false,
            disabled: toggle.pending,
            onClick: () => void confirm(false),
          },
        ]}
      >
        <p>La personne ne pourra plus se connecter. Dès la confirmation :</p>
        <ul>
          <li>ses sessions ouvertes prennent fin ({plural(user.activeSessions, "session")}) ;</li>
          <li>ses jetons d'API cessent de fonctionner ({plural(user.activeTokens, "jeton")}) ;</li>
          <li>un lien d'invitation ou de mot de passe en attente ne fonctionne plus.</li>
        </ul>
        <p>Ses rôles et le journal de ses actions sont conservés : le compte pourra être réactivé.</p>
        {toggle.error !== null && active && (
          <Alert small severity="error" className="fr-mt-2w" title="Désactivation refusée" description={errorMessage(toggle.error)} />
        )}
      </deactivateModal.Component>
      <reactivateModal.Component
        title={`Réactiver le compte de ${user.displayName} ?`}
        titleAs="h2"
        buttons={[
          { children: "Annuler", priority: "secondary" },
          {
            children: toggle.pending ? "Réactivation…" : "Confirmer la réactivation",
            iconId: "fr-icon-lock-unlock-line",
            doClosesModal: false,
            disabled: toggle.pending,
            onClick: () => void confirm(true),
          },
        ]}
      >
        <p>La personne pourra de nouveau se connecter, avec les rôles qu'elle avait.</p>
        <p>
          {user.passwordSet
            ? "Ses anciennes sessions et ses jetons d'API restent terminés : elle se reconnectera et créera au besoin de nouveaux jetons."
            : "Elle n'a pas encore choisi de mot de passe : renvoyez-lui ensuite une invitation."}
        </p>
        {toggle.error !== null && !active && (
          <Alert small severity="error" className="fr-mt-2w" title="Réactivation refusée" description={errorMessage(toggle.error)} />
        )}
      </reactivateModal.Component>
    </>
  );
}

function invitationText(invitation: AccountSectionProps["user"]["invitation"]): string {
  if (invitation === null)
    return "Aucun lien d'invitation en attente : renvoyez l'invitation pour que la personne choisisse son mot de passe.";
  if (invitation.expired) {
    return `Le lien envoyé le ${formatDateTime(invitation.sentAt)} a expiré le ${formatDateTime(invitation.expiresAt)} : renvoyez l'invitation.`;
  }
  return `Invitation envoyée le ${formatDateTime(invitation.sentAt)} ; le lien est valable jusqu'au ${formatDateTime(invitation.expiresAt)}.`;
}
