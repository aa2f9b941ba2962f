import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Breadcrumb } from "@codegouvfr/react-dsfr/Breadcrumb";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { type TCreateUserBody, ZCreateUserBody } from "@enquete/contract";
import { INVITATION_LINK_HOURS } from "@enquete/domain";
import { zodResolver } from "@hookform/resolvers/zod";
import { useEffect, useRef, useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { useNavigate } from "react-router";
import type { z } from "zod";
import type { FieldError } from "../../api/ApiError.ts";
import { errorMessage } from "../../api/ApiError.ts";
import { usersApi } from "../../api/users.ts";
import { LoadError } from "../../shared/LoadError.tsx";
import { Loading } from "../../shared/Loading.tsx";
import { PageHeading } from "../../shared/PageHeading.tsx";
import { RoleOnly } from "../../shared/RoleOnly.tsx";
import { useApiData } from "../../shared/useApiData.ts";
import { useDocumentTitle } from "../../shared/useDocumentTitle.ts";
import type { InvitationNotice } from "./InvitationSentAlert.tsx";
import { ACCOUNTS_PATH, ACCOUNTS_TITLE, accountPath } from "./paths.ts";
import { RolesEditor } from "./RolesEditor.tsx";
import { accountFieldErrors, roleLineErrors, roleLineOf } from "./refusals.ts";
import { loadScopes, type Scopes } from "./scopes.ts";

const TITLE = "Créer un compte";

/** An account created by an administrator, invited at once by email to choose its password. */
export function NewAccountPage() {
  useDocumentTitle(TITLE);
  return (
    <div className="fr-container fr-mb-4w">
      <Breadcrumb
        currentPageLabel={TITLE}
        segments={[
          { label: "Tableau de bord", linkProps: { to: "/" } },
          { label: ACCOUNTS_TITLE, linkProps: { to: ACCOUNTS_PATH } },
        ]}
      />
      <PageHeading>{TITLE}</PageHeading>
      <RoleOnly forRole="admin" reason="Seuls les administrateurs de la plateforme créent les comptes.">
        <NewAccountContent />
      </RoleOnly>
    </div>
  );
}

function NewAccountContent() {
  const { state, retry } = useApiData(loadScopes, []);
  if (state.status === "loading") return <Loading label="Chargement des ateliers et des directions territoriales…" />;
  if (state.status === "error")
    return <LoadError as="h2" error={state.error} onRetry={retry} title="Impossible de charger le référentiel" />;
  return <NewAccountForm scopes={state.data} />;
}

type FormInput = z.input<typeof ZCreateUserBody>;

const FIELD_LABELS: Record<string, string> = { email: "Adresse électronique", displayName: "Nom et prénom", roles: "Rôles" };

/** "roles.1.atelierCode" → "Rôles (ligne 2)": a refused field as the form names it. */
function fieldName(field: string): string {
  const label = FIELD_LABELS[field.split(".")[0] ?? ""] ?? field;
  const line = roleLineOf(field);
  return line === null ? label : `${label} (ligne ${line + 1})`;
}

/** What the server refused: its field messages, or one reason for the whole request. */
type Refusal = { fields: FieldError[]; general: unknown | null };

function NewAccountForm({ scopes }: { scopes: Scopes }) {
  const navigate = useNavigate();
  const {
    register,
    control,
    handleSubmit,
    setError,
    formState: { errors, isSubmitting },
  } = useForm<FormInput, unknown, TCreateUserBody>({
    resolver: zodResolver(ZCreateUserBody),
    defaultValues: { email: "", displayName: "", roles: [] },
    shouldFocusError: true,
  });
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (refusal) summaryRef.current?.focus();
  }, [refusal]);

  const onSubmit = handleSubmit(async (body) => {
    setRefusal(null);
    try {
      const sent = await usersApi.create(body);
      const notice: InvitationNotice = { sentTo: sent.invitation.sentTo, expiresAt: sent.invitation.expiresAt };
      navigate(accountPath(sent.user.id), { state: { invitationSent: notice } });
    } catch (error) {
      const fields = accountFieldErrors(error);
      for (const e of fields) {
        if (e.field === "email" || e.field === "displayName") setError(e.field, { message: e.message });
      }
      // The form keeps every value as typed: only the messages change.
      setRefusal({ fields, general: fields.length === 0 ? error : null });
    }
  });

  const serverRoleErrors = refusal?.fields.filter((e) => e.field.startsWith("roles")) ?? [];
  const rolesError = errors.roles?.message ?? errors.roles?.root?.message ?? serverRoleErrors.find((e) => e.field === "roles")?.message;
  const lineErrors = roleLineErrors(serverRoleErrors);

  return (
    <form onSubmit={onSubmit} noValidate aria-label={TITLE}>
      {refusal && (
        <div ref={summaryRef} tabIndex={-1} className="fr-mb-4w">
          <Alert
            severity="error"
            as="h2"
            title="Le compte n'a pas été créé"
            description={
              refusal.general !== null ? (
                errorMessage(refusal.general)
              ) : (
                <>
                  <p>Corrigez ce qui est signalé ; rien n'a été enregistré et aucun courriel n'est parti.</p>
                  <ul>
                    {refusal.fields.map((e) => (
                      <li key={`${e.field}-${e.message}`}>
                        {fieldName(e.field)} : {e.message}
                      </li>
                    ))}
                  </ul>
                </>
              )
            }
          />
        </div>
      )}
      <p className="fr-hint-text fr-mb-3w">
        Tous les champs sont obligatoires. La personne reçoit aussitôt un courriel avec un lien pour choisir son mot de passe, valable{" "}
        {INVITATION_LINK_HOURS} heures.
      </p>
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-6">
          <Input
            label="Adresse électronique"
            hintText="Par exemple : prenom.nom@reseau-canope.fr"
            state={errors.email ? "error" : "default"}
            stateRelatedMessage={errors.email?.message}
            nativeInputProps={{
              ...register("email"),
              type: "email",
              autoComplete: "off",
              spellCheck: false,
              autoCapitalize: "none",
              "aria-invalid": errors.email ? true : undefined,
            }}
          />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <Input
            label="Nom et prénom"
            hintText="Tel qu'il apparaîtra dans les courriels et le journal des actions"
            state={errors.displayName ? "error" : "default"}
            stateRelatedMessage={errors.displayName?.message}
            nativeInputProps={{
              ...register("displayName"),
              autoComplete: "off",
              "aria-invalid": errors.displayName ? true : undefined,
            }}
          />
        </div>
      </div>
      <Controller
        control={control}
        name="roles"
        render={({ field }) => (
          <RolesEditor
            roles={field.value}
            onChange={(roles) => {
              field.onChange(roles);
              // The lines have moved: a refusal's line numbers no longer point at them.
              setRefusal((r) => (r ? { ...r, fields: r.fields.filter((e) => !e.field.startsWith("roles.")) } : r));
            }}
            scopes={scopes}
            lineErrors={lineErrors}
            listError={rolesError}
            focusRef={field.ref}
          />
        )}
      />
      <Button type="submit" iconId="fr-icon-send-plane-line" disabled={isSubmitting}>
        {isSubmitting ? "Création…" : "Créer le compte et envoyer l'invitation"}
      </Button>
    </form>
  );
}
