import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { PasswordInput } from "@codegouvfr/react-dsfr/blocks/PasswordInput";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { type TLoginBody, ZLoginBody } from "@enquete/contract";
import { FORGOT_PASSWORD_PATH } from "@enquete/domain";
import { zodResolver } from "@hookform/resolvers/zod";
import { useEffect, useRef, useState } from "react";
import { useForm } from "react-hook-form";
import { Link } from "react-router";
import { ApiError, errorMessage } from "../../api/ApiError.ts";

const FIELDS = ["email", "password"] as const;

type Props = { onSignIn: (body: TLoginBody) => Promise<void> };

/** Email and password, checked with the very schema the server applies. */
export function LoginForm({ onSignIn }: Props) {
  const {
    register,
    handleSubmit,
    setError,
    setFocus,
    formState: { errors, isSubmitting },
  } = useForm<TLoginBody>({
    resolver: zodResolver(ZLoginBody),
    defaultValues: { email: "", password: "" },
    shouldFocusError: true,
  });
  // The failure of the last attempt, with a counter so that the same failure twice is announced twice.
  const [failure, setFailure] = useState<{ message: string; attempt: number } | null>(null);
  const alertRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (failure) alertRef.current?.focus();
  }, [failure]);

  const onSubmit = handleSubmit(async (body) => {
    setFailure(null);
    try {
      await onSignIn(body);
    } catch (error) {
      const fieldErrors = error instanceof ApiError ? error.fieldErrors.filter((e) => FIELDS.some((f) => f === e.field)) : [];
      if (fieldErrors.length > 0) {
        for (const e of fieldErrors) setError(e.field as (typeof FIELDS)[number], { message: e.message });
        setFocus(fieldErrors[0]?.field as (typeof FIELDS)[number]);
        return;
      }
      setFailure((previous) => ({ message: errorMessage(error), attempt: (previous?.attempt ?? 0) + 1 }));
    }
  });

  const emailError = errors.email?.message;
  const passwordError = errors.password?.message;

  return (
    <>
      {failure && (
        <div ref={alertRef} tabIndex={-1} className="fr-mb-4w">
          <Alert severity="error" as="h2" title="Connexion impossible" description={failure.message} />
        </div>
      )}
      <form onSubmit={onSubmit} noValidate aria-label="Connexion">
        <p className="fr-hint-text fr-mb-3w">Tous les champs sont obligatoires.</p>
        <Input
          label="Adresse électronique"
          state={emailError ? "error" : "default"}
          stateRelatedMessage={emailError}
          nativeInputProps={{
            ...register("email"),
            type: "email",
            // The sign-in identifier is the email address: "email" is its purpose (WCAG 1.3.5), valid on an
            // email field where "username" is not, and password managers take it as the account's name.
            autoComplete: "email",
            spellCheck: false,
            autoCapitalize: "none",
            required: true,
            "aria-invalid": emailError ? true : undefined,
          }}
        />
        <PasswordInput
          label="Mot de passe"
          messagesHint=""
          messages={passwordError ? [{ severity: "error", message: passwordError }] : []}
          nativeInputProps={{
            ...register("password"),
            autoComplete: "current-password",
            required: true,
            "aria-invalid": passwordError ? true : undefined,
          }}
        />
        <p className="fr-mt-2w fr-mb-0">
          <Link className="fr-link" to={FORGOT_PASSWORD_PATH}>
            Mot de passe oublié ?
          </Link>
        </p>
        <Button type="submit" className="fr-mt-4w" disabled={isSubmitting}>
          {isSubmitting ? "Connexion…" : "Se connecter"}
        </Button>
      </form>
    </>
  );
}
