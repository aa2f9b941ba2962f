import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { ACCOUNT_STATUS_LABELS, type AccountStatus } from "@enquete/domain";

const SEVERITY = { active: "success", invited: "info", disabled: "warning" } as const;

/** An account's state as a DSFR badge, in the domain's words. */
export function StatusBadge({ status }: { status: AccountStatus }) {
  return (
    <Badge as="span" small severity={SEVERITY[status]}>
      {ACCOUNT_STATUS_LABELS[status]}
    </Badge>
  );
}
