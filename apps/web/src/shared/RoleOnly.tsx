import { Alert } from "@codegouvfr/react-dsfr/Alert";
import type { ReactNode } from "react";
import { useSession } from "../features/session/useSession.ts";

type Restricted = "admin" | "national";

const TITLES: Record<Restricted, string> = {
  admin: "Accès réservé à l'administration de la plateforme",
  national: "Page réservée à l'équipe nationale",
};

/**
 * A page for one role: others read why (`reason`, a sentence) instead of a
 * page that fails call by call. Hiding is never the check: the server
 * refuses their calls anyway.
 */
export function RoleOnly({ forRole, reason, children }: { forRole: Restricted; reason: string; children: ReactNode }) {
  const { user } = useSession();
  if (user?.roles.some((r) => r.role === forRole)) return <>{children}</>;
  return <Alert severity="info" as="h2" title={TITLES[forRole]} description={reason} />;
}
