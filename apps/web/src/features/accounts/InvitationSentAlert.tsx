import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { useEffect, useRef } from "react";
import { formatDateTime } from "../../shared/format.ts";

/** The invitation that just left: to whom, and until when its link works. */
export type InvitationNotice = { sentTo: string; expiresAt: string };

/** Reads the notice a navigation carried (the creation page sends it to the new account's page). */
export function invitationNoticeOf(state: unknown): InvitationNotice | null {
  const notice = (state as { invitationSent?: Partial<InvitationNotice> } | null)?.invitationSent;
  return typeof notice?.sentTo === "string" && typeof notice.expiresAt === "string"
    ? { sentTo: notice.sentTo, expiresAt: notice.expiresAt }
    : null;
}

/**
 * "Invitation envoyée", in a DSFR success alert that takes the focus when it
 * appears: after the creation or a resend, the keyboard goes on from there.
 */
export function InvitationSentAlert({ notice, onClose }: { notice: InvitationNotice; onClose: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div ref={ref} tabIndex={-1} role="status" className="fr-mb-4w">
      <Alert
        severity="success"
        as="h2"
        title="Invitation envoyée"
        description={`Un courriel avec un lien pour choisir son mot de passe est parti à ${notice.sentTo}. Le lien fonctionne une fois, jusqu'au ${formatDateTime(notice.expiresAt)} (heure de Paris).`}
        closable
        onClose={onClose}
      />
    </div>
  );
}
