/**
 * The domain's password policy, loaded only when a password field appears:
 * its dictionaries weigh far more than the rest of the app, so they live in
 * their own chunk that no other page downloads.
 */
import type { PasswordPerson, PasswordVerdict } from "@enquete/domain/password";
import { useEffect, useState } from "react";

export type { PasswordPerson, PasswordVerdict };

type Check = (password: string, person: PasswordPerson) => PasswordVerdict;

let loading: Promise<Check> | null = null;

/** The checker, downloaded once. A failed download is tried again next time (the server checks anyway). */
export function loadPasswordCheck(): Promise<Check> {
  loading ??= import("@enquete/domain/password").then(
    (m) => m.checkPassword,
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}

/** The policy's reasons to refuse this password; none when the checker cannot be loaded, since the server decides anyway. */
export async function passwordProblems(password: string, person: PasswordPerson): Promise<string[]> {
  try {
    return (await loadPasswordCheck())(password, person).problems;
  } catch {
    return [];
  }
}

const DEBOUNCE_MS = 200;

/** The verdict on what the person has typed, ~200 ms after they pause; null while nothing is typed or checked yet. */
export function usePasswordVerdict(password: string, person: PasswordPerson): { password: string; verdict: PasswordVerdict } | null {
  const [result, setResult] = useState<{ password: string; verdict: PasswordVerdict } | null>(null);
  const { email, displayName } = person;

  useEffect(() => {
    if (password === "") {
      setResult(null);
      return;
    }
    let cancelled = false;
    const timer = setTimeout(() => {
      loadPasswordCheck()
        .then((check) => {
          if (!cancelled) setResult({ password, verdict: check(password, { email, displayName }) });
        })
        .catch(() => {
          // Without the checker, the field says nothing more; the server's answer will.
        });
    }, DEBOUNCE_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [password, email, displayName]);

  return result;
}
