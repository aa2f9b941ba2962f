import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { PasswordInput } from "@codegouvfr/react-dsfr/blocks/PasswordInput";
import { type TChangePasswordBody, type TMe, ZChangePasswordBody } from "@enquete/contract";
import { zodResolver } from "@hookform/resolvers/zod";
import { useEffect, useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { ApiError, errorMessage } from "../../api/ApiError.ts";
import { accountApi } from "../../api/account.ts";
import { PasswordField, type ServerRefusal } from "../password/PasswordField.tsx";
import { passwordProblems } from "../password/passwordCheck.ts";

type Outcome = { status: "changed"; count: number } | { status: "failed"; error: unknown } | null;

/** "Mot de passe": the current one, then the new one under the live policy; the person's other sessions end on the server. */
export function PasswordChange({ user, onChanged }: { user: TMe; onChanged: () => void }) {
  const [refusal, setRefusal] = useState<ServerRefusal | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const outcomeRef = useRef<HTMLDivElement>(null);
  const {
    register,
    handleSubmit,
    watch,
    reset,
    setError,
    setFocus,
    formState: { errors, isSubmitting },
  } = useForm<TChangePasswordBody>({
    resolver: zodResolver(ZChangePasswordBody),
    defaultValues: { currentPassword: "", newPassword: "" },
    shouldFocusError: true,
  });
  const newPassword = watch("newPassword");
  const person = { email: user.email, displayName: user.displayName };

  useEffect(() => {
    if (outcome) outcomeRef.current?.focus();
  }, [outcome]);

  const onSubmit = handleSubmit(async (body) => {
    setOutcome(null);
    const problems = await passwordProblems(body.newPassword, person);
    if (problems.length > 0) {
      setRefusal({ password: body.newPassword, problems });
      setFocus("newPassword");
      return;
    }
    try {
      await accountApi.changePassword(body);
    } catch (error) {
      const fields = error instanceof ApiError ? error.fieldErrors : [];
      const current = fields.find((e) => e.field === "currentPassword");
      const reasons = fields.filter((e) => e.field === "newPassword").map((e) => e.message);
      if (reasons.length > 0) setRefusal({ password: body.newPassword, problems: reasons });
      if (current) setError("currentPassword", { message: current.message });
      if (current || reasons.length > 0) {
        setFocus(current ? "currentPassword" : "newPassword");
        return;
      }
      setOutcome({ status: "failed", error });
      return;
    }
    reset();
    setRefusal(null);
    setOutcome((previous) => ({ status: "changed", count: (previous?.status === "changed" ? previous.count : 0) + 1 }));
    onChanged();
  });

  const currentError = errors.currentPassword?.message;

  return (
    <section aria-labelledby="mot-de-passe" className="fr-mt-6w">
      {/* A fixed id: the forgotten-password page links here. */}
      <h2 id="mot-de-passe" className="fr-h4">
        Mot de passe
      </h2>
      <div ref={outcomeRef} tabIndex={-1}>
        {outcome?.status === "changed" && (
          <Alert
            key={outcome.count}
            className="fr-mb-3w"
            severity="success"
            as="h3"
            title="Mot de passe changé"
            description="Vos autres sessions ont été fermées : sur vos autres appareils, reconnectez-vous avec ce nouveau mot de passe. Cette session-ci reste ouverte."
          />
        )}
        {outcome?.status === "failed" && (
          <Alert className="fr-mb-3w" severity="error" as="h3" title="Mot de passe inchangé" description={errorMessage(outcome.error)} />
        )}
      </div>
      <form onSubmit={onSubmit} noValidate aria-label="Changer mon mot de passe" style={{ maxWidth: "32rem" }}>
        {/* For password managers: the account whose password changes (text, not email: "username" is valid there only). */}
        <input
          type="text"
          name="username"
          autoComplete="username"
          aria-label="Adresse électronique du compte"
          value={user.email}
          readOnly
          hidden
        />
        <PasswordInput
          label="Mot de passe actuel"
          messagesHint=""
          messages={currentError ? [{ severity: "error", message: currentError }] : []}
          nativeInputProps={{
            ...register("currentPassword"),
            autoComplete: "current-password",
            required: true,
            "aria-invalid": currentError ? true : undefined,
          }}
        />
        <PasswordField
          label="Nouveau mot de passe"
          value={newPassword}
          person={person}
          error={errors.newPassword?.message}
          refusal={refusal}
          nativeInputProps={{ ...register("newPassword"), required: true }}
        />
        <Button type="submit" className="fr-mt-3w" disabled={isSubmitting}>
          {isSubmitting ? "Changement…" : "Changer mon mot de passe"}
        </Button>
      </form>
    </section>
  );
}
