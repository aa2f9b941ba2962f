import { Alert } from "@codegouvfr/react-dsfr/Alert";

/** Why every email stays unsent when the server has no SMTP server to hand them to. */
export function NoSmtpNotice() {
  return (
    <Alert
      className="fr-mb-4w"
      severity="warning"
      as="h2"
      title="Aucun serveur SMTP n'est configuré"
      description={
        <p>
          Les courriels ne partent pas : le serveur les écrit dans son journal et les garde ici, en attente ou en échec, pour que rien ne se
          perde en silence. Pour les envoyer, l'exploitation doit renseigner SMTP_HOST (et au besoin SMTP_PORT, SMTP_USER, SMTP_PASSWORD,
          MAIL_FROM), puis redémarrer la plateforme.
        </p>
      }
    />
  );
}
