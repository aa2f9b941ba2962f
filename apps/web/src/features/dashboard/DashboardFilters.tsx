import { SegmentedControl } from "@codegouvfr/react-dsfr/SegmentedControl";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { useId } from "react";
import { type DashboardSettings, dashboardYears, yearName } from "./settings.ts";

type Props = { settings: DashboardSettings; onChange: (next: Partial<DashboardSettings>) => void };

/** The year (calendar or school) and the basis of the figures; each change reloads the figures and is kept in the address. */
export function DashboardFilters({ settings, onChange }: Props) {
  const name = useId();
  const years = dashboardYears(settings.yearType);
  return (
    <div className="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom fr-mb-2w">
      <div className="fr-col-12 fr-col-md-4">
        <SegmentedControl
          small
          legend="Type d'année"
          segments={[
            {
              label: "Civile",
              nativeInputProps: {
                name: `${name}-type`,
                checked: settings.yearType === "calendar",
                onChange: () => onChange({ yearType: "calendar" }),
              },
            },
            {
              label: "Scolaire",
              nativeInputProps: {
                name: `${name}-type`,
                checked: settings.yearType === "school",
                onChange: () => onChange({ yearType: "school" }),
              },
            },
          ]}
        />
      </div>
      <div className="fr-col-12 fr-col-md-3">
        <Select
          label={settings.yearType === "school" ? "Année scolaire" : "Année"}
          nativeSelectProps={{ value: String(settings.year), onChange: (e) => onChange({ year: Number(e.target.value) }) }}
        >
          {years.map((y) => (
            <option key={y} value={y}>
              {yearName(y, settings.yearType)}
            </option>
          ))}
        </Select>
      </div>
      <div className="fr-col-12 fr-col-md-5">
        <SegmentedControl
          small
          legend="Chiffres"
          segments={[
            {
              label: "Officiels (validés)",
              nativeInputProps: {
                name: `${name}-base`,
                checked: settings.basis === "official",
                onChange: () => onChange({ basis: "official" }),
              },
            },
            {
              label: "Provisoires (soumis)",
              nativeInputProps: {
                name: `${name}-base`,
                checked: settings.basis === "provisional",
                onChange: () => onChange({ basis: "provisional" }),
              },
            },
          ]}
        />
      </div>
    </div>
  );
}
