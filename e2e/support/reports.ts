/** Reports written through the API, as their directors and territories would. */
import { formatPeriod, type Period } from "@enquete/domain";
import { apiSignIn, call } from "./api.ts";

/** The API path of an atelier's report for a month. */
export const reportAt = (atelier: string, p: Period | string) => `/reports/${atelier}/${typeof p === "string" ? p : formatPeriod(p)}`;

/** The atelier's director saves the report as a draft. */
export async function saveReport(atelier: string, p: Period | string, values: Record<string, unknown>) {
  await call(await apiSignIn(`atelier.${atelier.toLowerCase()}@canope.test`), "PUT", reportAt(atelier, p), { values });
}

/** The atelier's director saves the report and submits it. */
export async function submitReport(atelier: string, p: Period | string, values: Record<string, unknown>) {
  const director = await apiSignIn(`atelier.${atelier.toLowerCase()}@canope.test`);
  await call(director, "PUT", reportAt(atelier, p), { values });
  await call(director, "POST", `${reportAt(atelier, p)}/submit`, {});
}

/** A reviewer (the territory's director, say) validates a submitted report. */
export async function validateReport(reviewer: string, atelier: string, p: Period | string) {
  await call(await apiSignIn(reviewer), "POST", `${reportAt(atelier, p)}/validate`);
}

/** A reviewer returns a submitted report with a comment. */
export async function returnReport(reviewer: string, atelier: string, p: Period | string, comment: string) {
  await call(await apiSignIn(reviewer), "POST", `${reportAt(atelier, p)}/return`, { comment });
}
