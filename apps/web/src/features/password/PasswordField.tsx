import { PasswordInput, type PasswordInputProps } from "@codegouvfr/react-dsfr/blocks/PasswordInput";
import type { ComponentProps } from "react";
import { type PasswordPerson, usePasswordVerdict } from "./passwordCheck.ts";

type Message = { severity: PasswordInputProps.Severity; message: string };

/** What the server refused, for the password it was sent: once the person types something else, the live check speaks again. */
export type ServerRefusal = { password: string; problems: string[] };

type Props = {
  label: string;
  /** The field's current value (react-hook-form's watch). */
  value: string;
  /** Whose password it is: the policy refuses one built on their name or address. */
  person: PasswordPerson;
  /** The form's own error (nothing typed). */
  error?: string;
  refusal?: ServerRefusal | null;
  nativeInputProps: ComponentProps<"input">;
};

// Always some message under the field: the DSFR's live region then stays in the page, and each new verdict is announced.
const ADVICE: Message = {
  severity: "info",
  message: "12 caractères au moins. Une phrase de quelques mots, facile à retenir pour vous, convient très bien.",
};

/**
 * A new password, checked as it is typed against the very policy the server
 * applies (the domain's), with its reasons and suggestions in French. There
 * are no composition rules to list: only length, the person's own name and
 * address, and how easy it would be to guess.
 */
export function PasswordField({ label, value, person, error, refusal, nativeInputProps }: Props) {
  // The last verdict stays on screen while the person types on, until the next pause replaces it.
  const checked = usePasswordVerdict(value, person);
  const messages = messagesFor(value, error, refusal, checked?.verdict ?? null);

  return (
    <PasswordInput
      label={label}
      messagesHint=""
      messages={messages}
      nativeInputProps={{
        ...nativeInputProps,
        autoComplete: "new-password",
        "aria-invalid": messages.some((m) => m.severity === "error") ? true : undefined,
      }}
    />
  );
}

function messagesFor(
  value: string,
  error: string | undefined,
  refusal: ServerRefusal | null | undefined,
  verdict: { ok: boolean; problems: string[]; suggestions: string[] } | null,
): Message[] {
  if (error) return [{ severity: "error", message: error }];
  if (refusal && refusal.password === value && refusal.problems.length > 0) {
    return refusal.problems.map((message) => ({ severity: "error", message }));
  }
  // Nothing typed, or not checked yet (the first pause, the checker downloading): the advice.
  if (value === "" || verdict === null) return [ADVICE];
  if (verdict.ok) return [{ severity: "valid", message: "Mot de passe accepté." }];
  return [
    ...verdict.problems.map((message): Message => ({ severity: "error", message })),
    ...verdict.suggestions.map((message): Message => ({ severity: "info", message })),
  ];
}
