import type { TAtelier, TTerritory } from "@enquete/contract";
import { compareAtelierCodes } from "@enquete/domain";
import { api } from "../../api/client.ts";
import type { ScopeNames } from "../profile/roleLines.ts";

/** The referential as the accounts pages need it: the choices of a role's scope, and the names that describe one. */
export type Scopes = { territories: TTerritory[]; ateliers: TAtelier[]; names: ScopeNames };

export async function loadScopes(signal: AbortSignal): Promise<Scopes> {
  const [territories, ateliers] = await Promise.all([api.territories(signal), api.ateliers({}, signal)]);
  return {
    territories: [...territories].sort((a, b) => a.name.localeCompare(b.name, "fr")),
    ateliers: [...ateliers].sort((a, b) => compareAtelierCodes(a.code, b.code)),
    names: {
      ateliers: new Map(ateliers.map((a) => [a.code, a.name])),
      territories: new Map(territories.map((t) => [t.code, t.name])),
    },
  };
}
