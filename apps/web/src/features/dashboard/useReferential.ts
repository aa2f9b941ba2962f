import { api } from "../../api/client.ts";
import { useApiData } from "../../shared/useApiData.ts";

export type Referential = {
  territoryName: (code: string) => string | undefined;
  atelier: (code: string) => { name: string; territoryCode: string | null } | undefined;
};

/** Names for the titles and the breadcrumb: the referential is open to every signed-in person. */
export function useReferential(): Referential | null {
  const { state } = useApiData(async (signal) => {
    const [territories, ateliers] = await Promise.all([api.territories(signal), api.ateliers({}, signal)]);
    const territoryNames = new Map(territories.map((t) => [t.code, t.name]));
    const ateliersByCode = new Map(ateliers.map((a) => [a.code, { name: a.name, territoryCode: a.territoryCode }]));
    return { territoryName: (code: string) => territoryNames.get(code), atelier: (code: string) => ateliersByCode.get(code) };
  }, []);
  return state.status === "success" ? state.data : null;
}
