import { Alert } from "@codegouvfr/react-dsfr/Alert";
import type { ReactNode } from "react";
import { useSession } from "../session/useSession.ts";

export const ADMIN_ONLY_TITLE = "Accès réservé à l'administration de la plateforme";

/**
 * The accounts and the journal are the administrators'. Others read why, as
 * on the other restricted pages; the server refuses their calls anyway.
 */
export function AdminOnly({ what, children }: { what: string; children: ReactNode }) {
  const { user } = useSession();
  const admin = user?.roles.some((r) => r.role === "admin") ?? false;
  if (admin) return <>{children}</>;
  return <Alert severity="info" as="h2" title={ADMIN_ONLY_TITLE} description={`Seuls les administrateurs de la plateforme ${what}.`} />;
}
