import { Alert } from "@codegouvfr/react-dsfr/Alert";
import type { ReactNode } from "react";
import { useSession } from "../session/useSession.ts";

/**
 * The questionnaire's versions are the national team's. Others read why, as
 * on the other national pages; the server refuses their calls anyway.
 */
export function NationalOnly({ children }: { children: ReactNode }) {
  const { user } = useSession();
  const national = user?.roles.some((r) => r.role === "national") ?? false;
  if (national) return <>{children}</>;
  return (
    <Alert
      severity="info"
      as="h2"
      title="Page réservée à l'équipe nationale"
      description="Seule la direction de l'ingénierie des services (DIS) prépare et publie les versions du questionnaire."
    />
  );
}
