import type { RoleGrant } from "@enquete/domain";
import { AdminSection } from "./sections/AdminSection.tsx";
import { AtelierSection } from "./sections/AtelierSection.tsx";
import { NationalSection } from "./sections/NationalSection.tsx";
import { TerritorySection } from "./sections/TerritorySection.tsx";

export function RoleSection({ grant }: { grant: RoleGrant }) {
  switch (grant.role) {
    case "atelier":
      return <AtelierSection atelierCode={grant.atelierCode} />;
    case "territory":
      return <TerritorySection territoryCode={grant.territoryCode} />;
    case "national":
      return <NationalSection readOnly={false} />;
    case "viewer":
      return <NationalSection readOnly />;
    case "admin":
      return <AdminSection />;
  }
}
