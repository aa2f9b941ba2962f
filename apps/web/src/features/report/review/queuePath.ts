import { grantKey } from "@enquete/domain";
import { MONTH_PARAM } from "../../review-queue/queue.ts";

/** The home page's parameter naming the role tab to show (features/home/RoleSections). */
const VIEW_PARAM = "vue";

/**
 * The territory's review queue on the home page, on the territory's tab,
 * filtered on the report's month (every month once none of it waits).
 */
export function queuePath(territoryCode: string, period: string): string {
  const search = new URLSearchParams({ [VIEW_PARAM]: grantKey({ role: "territory", territoryCode }), [MONTH_PARAM]: period });
  return `/?${search}`;
}
