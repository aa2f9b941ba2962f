/** "de novembre 2026", "d'octobre 2026" (the domain's wording). */
export { ofPeriod as ofMonth } from "@enquete/domain";
