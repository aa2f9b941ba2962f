import type { TUserDetail } from "@enquete/contract";
import type { InvitationNotice } from "./InvitationSentAlert.tsx";

/** What the last change on an account's page did: an invitation that left, or a sentence. */
export type Outcome = { kind: "invitation"; notice: InvitationNotice } | { kind: "text"; text: string };

/** Each section of an account's page: the account, and what to call once it changed it. */
export type AccountSectionProps = { user: TUserDetail; onChanged: (what: Outcome) => void };
