import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import type { TRoleGrant } from "@enquete/contract";
import { useEffect, useRef, useState } from "react";
import { errorMessage } from "../../api/ApiError.ts";
import { usersApi } from "../../api/users.ts";
import { roleLine } from "../profile/roleLines.ts";
import type { AccountSectionProps } from "./outcome.ts";
import { RolesEditor } from "./RolesEditor.tsx";
import { roleLineErrors } from "./refusals.ts";
import type { Scopes } from "./scopes.ts";
import { useChange } from "./useChange.ts";

/** The account's roles, and their change with the same editor as the creation, saved as a whole. */
export function AccountRoles({ user, scopes, onChanged }: AccountSectionProps & { scopes: Scopes }) {
  const [draft, setDraft] = useState<TRoleGrant[] | null>(null);
  const save = useChange(usersApi.update);
  const editButton = useRef<HTMLButtonElement>(null);
  const roleSelect = useRef<HTMLSelectElement>(null);
  const editing = draft !== null;
  const backToButton = useRef(false);

  // Opening the editor takes the keyboard there; closing it without saving brings it back to the button
  // (a save moves it to the notice of what was done).
  useEffect(() => {
    if (editing) roleSelect.current?.focus();
    else if (backToButton.current) editButton.current?.focus();
    backToButton.current = false;
  }, [editing]);

  const submit = async () => {
    if (draft === null) return;
    const done = await save.submit(user.id, { roles: draft });
    if (!done) return;
    setDraft(null);
    onChanged({ kind: "text", text: `Les rôles de ${done.displayName} sont enregistrés.` });
  };

  const listError = save.fields.find((f) => f.field === "roles")?.message;

  return (
    <section aria-labelledby="roles" className="fr-mb-4w">
      <h2 id="roles" className="fr-h4">
        Rôles
      </h2>
      {editing ? (
        <form
          noValidate
          aria-label="Modifier les rôles"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <RolesEditor
            roles={draft}
            onChange={(roles) => {
              setDraft(roles);
              if (save.fields.length > 0) save.reset();
            }}
            scopes={scopes}
            lineErrors={roleLineErrors(save.fields)}
            listError={listError}
            focusRef={roleSelect}
          />
          {save.error !== null && (
            <Alert small severity="error" className="fr-mb-2w" title="Rôles non modifiés" description={errorMessage(save.error)} />
          )}
          <div className="fr-btns-group fr-btns-group--inline-md">
            <Button type="submit" iconId="fr-icon-save-line" disabled={save.pending}>
              {save.pending ? "Enregistrement…" : "Enregistrer les rôles"}
            </Button>
            <Button
              type="button"
              priority="secondary"
              onClick={() => {
                save.reset();
                backToButton.current = true;
                setDraft(null);
              }}
            >
              Annuler
            </Button>
          </div>
        </form>
      ) : (
        <>
          {user.roles.length === 0 ? (
            <p>Aucun rôle : la personne ne voit aucune donnée.</p>
          ) : (
            <ul>
              {user.roles.map((g) => {
                const text = roleLine(g, scopes.names);
                return <li key={text}>{text}</li>;
              })}
            </ul>
          )}
          <Button
            ref={editButton}
            priority="secondary"
            iconId="fr-icon-edit-line"
            onClick={() => {
              save.reset();
              setDraft([...user.roles]);
            }}
          >
            Modifier les rôles
          </Button>
        </>
      )}
    </section>
  );
}
