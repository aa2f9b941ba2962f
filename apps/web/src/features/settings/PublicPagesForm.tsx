import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { HOSTING_NOTICE_MAX, type TSettings } from "@enquete/contract";
import { type FormEvent, useId, useRef, useState } from "react";
import { Link } from "react-router";
import { ApiError, errorMessage } from "../../api/ApiError.ts";
import { savePublicPages } from "./publicPagesApi.ts";

type Props = { settings: TSettings; onSaved: (settings: TSettings) => void };

type Field = "contactEmail" | "hostingNotice";
type Outcome = { kind: "saved" } | { kind: "fields"; messages: Partial<Record<Field, string>> } | { kind: "failed"; error: unknown };

/**
 * The contact address the help, contact, personal data and accessibility
 * pages give, and the hosting notice of the legal page. The address is
 * checked by the API, whose French message shows at the field.
 */
export function PublicPagesForm({ settings, onSaved }: Props) {
  const headingId = useId();
  const emailRef = useRef<HTMLInputElement>(null);
  const noticeRef = useRef<HTMLTextAreaElement>(null);
  const [email, setEmail] = useState(settings.contactEmail ?? "");
  const [notice, setNotice] = useState(settings.hostingNotice ?? "");
  const [pending, setPending] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setPending(true);
    setOutcome(null);
    try {
      const saved = await savePublicPages({ contactEmail: email, hostingNotice: notice });
      onSaved(saved);
      setEmail(saved.contactEmail ?? "");
      setNotice(saved.hostingNotice ?? "");
      setOutcome({ kind: "saved" });
    } catch (error) {
      const fields = error instanceof ApiError ? error.fieldErrors : [];
      const messages: Partial<Record<Field, string>> = {};
      for (const f of fields) if (f.field === "contactEmail" || f.field === "hostingNotice") messages[f.field] ??= f.message;
      if (messages.contactEmail || messages.hostingNotice) {
        setOutcome({ kind: "fields", messages });
        (messages.contactEmail ? emailRef : noticeRef).current?.focus();
      } else {
        setOutcome({ kind: "failed", error });
      }
    } finally {
      setPending(false);
    }
  };

  const message = (field: Field) => (outcome?.kind === "fields" ? outcome.messages[field] : undefined);

  return (
    <section aria-labelledby={headingId} className="fr-mt-6w">
      <h2 id={headingId} className="fr-h4">
        Contact et hébergement des pages publiques
      </h2>
      <p>
        L'adresse de contact est donnée par les pages <Link to="/contact">Contact</Link>, <Link to="/aide">Aide</Link>,{" "}
        <Link to="/donnees-personnelles">Données personnelles</Link> et <Link to="/accessibilite">Accessibilité</Link> ; la mention
        d'hébergement par les <Link to="/mentions-legales">Mentions légales</Link>. Laissez un champ vide pour le retirer. Un changement se
        voit sur ces pages dans la minute.
      </p>
      <form noValidate onSubmit={(e) => void submit(e)}>
        <Input
          label="Adresse de contact"
          hintText="Une adresse électronique de l'équipe nationale, par exemple contact@reseau-canope.fr."
          state={message("contactEmail") ? "error" : "default"}
          stateRelatedMessage={message("contactEmail")}
          nativeInputProps={{
            ref: emailRef,
            type: "email",
            name: "contactEmail",
            autoComplete: "email",
            spellCheck: false,
            value: email,
            onChange: (e) => setEmail(e.target.value),
            style: { maxWidth: "32rem" },
          }}
        />
        <Input
          label="Mention d'hébergement"
          hintText="Le nom, l'adresse et le téléphone de l'hébergeur de cette installation, tels que l'exploitation les donne."
          textArea
          state={message("hostingNotice") ? "error" : "default"}
          stateRelatedMessage={message("hostingNotice")}
          nativeTextAreaProps={{
            ref: noticeRef,
            name: "hostingNotice",
            rows: 3,
            maxLength: HOSTING_NOTICE_MAX,
            value: notice,
            onChange: (e) => setNotice(e.target.value),
          }}
        />
        <Button type="submit" disabled={pending}>
          {pending ? "Enregistrement…" : "Enregistrer le contact et l'hébergement"}
        </Button>
      </form>
      {outcome?.kind === "saved" && (
        <Alert
          role="status"
          small
          severity="success"
          className="fr-mt-2w"
          description={
            settings.contactEmail
              ? `Enregistré : les pages publiques donnent l'adresse ${settings.contactEmail}.`
              : "Enregistré : les pages publiques n'ont plus d'adresse de contact."
          }
        />
      )}
      {outcome?.kind === "failed" && <Alert small severity="error" className="fr-mt-2w" description={errorMessage(outcome.error)} />}
    </section>
  );
}
