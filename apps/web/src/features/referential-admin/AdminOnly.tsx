import { Alert } from "@codegouvfr/react-dsfr/Alert";
import type { ReactNode } from "react";
import { useSession } from "../session/useSession.ts";

/**
 * The referential's pages are the administrators'. Others read why, as on the
 * other restricted pages; the server refuses their calls anyway.
 */
export function AdminOnly({ children }: { children: ReactNode }) {
  const { user } = useSession();
  const admin = user?.roles.some((r) => r.role === "admin") ?? false;
  if (admin) return <>{children}</>;
  return (
    <Alert
      severity="info"
      as="h2"
      title="Accès réservé à l'administration de la plateforme"
      description="Seuls les administrateurs de la plateforme ouvrent, déplacent, renomment et ferment les ateliers et les directions territoriales."
    />
  );
}
