import { Alert } from "@codegouvfr/react-dsfr/Alert";

/** A returned report starts with what the territory asked to correct. */
export function ReturnedNotice({ comment }: { comment: string | null }) {
  return (
    <Alert
      className="fr-mb-4w"
      severity="warning"
      as="h2"
      title="Rapport renvoyé par la direction territoriale"
      description={<p style={{ whiteSpace: "pre-line" }}>{comment ?? "La direction territoriale n'a pas laissé de commentaire."}</p>}
    />
  );
}
