import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { type FormEvent, type ReactNode, useState } from "react";
import { errorMessage } from "../../api/ApiError.ts";
import { usersApi } from "../../api/users.ts";
import { formatDateTime, plural } from "../../shared/format.ts";
import type { AccountSectionProps } from "./outcome.ts";
import { useChange } from "./useChange.ts";

/** Who the account is, since when, its last sign-in and what it holds open; and its name, which can change. */
export function AccountFacts({ user, onChanged }: AccountSectionProps) {
  return (
    <section aria-labelledby="identite" className="fr-mb-4w">
      <h2 id="identite" className="fr-h4">
        Identité
      </h2>
      <dl className="fr-mb-3w">
        <Fact term="Adresse électronique">{user.email}</Fact>
        <Fact term="Compte créé le">{formatDateTime(user.createdAt)}</Fact>
        <Fact term="Dernière connexion">{user.lastLoginAt === null ? "Jamais" : formatDateTime(user.lastLoginAt)}</Fact>
        <Fact term="Mot de passe">{user.passwordSet ? "Choisi" : "Pas encore choisi"}</Fact>
        <Fact term="Sessions ouvertes">{plural(user.activeSessions, "session")}</Fact>
        <Fact term="Jetons d'API actifs">{plural(user.activeTokens, "jeton")}</Fact>
      </dl>
      {/* A new name from the server starts a fresh form. */}
      <RenameForm key={user.displayName} user={user} onChanged={onChanged} />
    </section>
  );
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="fr-mb-1w">
      <dt className="fr-text--bold fr-mb-0">{term}</dt>
      <dd className="fr-ml-0">{children}</dd>
    </div>
  );
}

function RenameForm({ user, onChanged }: AccountSectionProps) {
  const [name, setName] = useState(user.displayName);
  const rename = useChange(usersApi.update);
  const fieldError = rename.fields.find((f) => f.field === "displayName")?.message;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (name.trim() === user.displayName) return;
    const done = await rename.submit(user.id, { displayName: name });
    if (done) onChanged({ kind: "text", text: `Le compte s'appelle maintenant ${done.displayName}.` });
  };

  return (
    <form noValidate onSubmit={(e) => void submit(e)} aria-label="Renommer le compte">
      <div className="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom">
        <div className="fr-col-12 fr-col-md-6">
          <Input
            label="Nom et prénom"
            className="fr-mb-0"
            state={fieldError ? "error" : "default"}
            stateRelatedMessage={fieldError}
            nativeInputProps={{ value: name, onChange: (e) => setName(e.target.value), autoComplete: "off" }}
          />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <Button type="submit" priority="secondary" iconId="fr-icon-edit-line" disabled={rename.pending}>
            {rename.pending ? "Enregistrement…" : "Renommer"}
          </Button>
        </div>
      </div>
      {rename.error !== null && (
        <Alert small severity="error" className="fr-mt-2w" title="Nom non modifié" description={errorMessage(rename.error)} />
      )}
    </form>
  );
}
