import { describeRule, type FormDefinition } from "@enquete/domain";
import { yesNo } from "../../shared/format.ts";
import { ScrollTable } from "../../shared/ScrollTable.tsx";
import { boundsText, KIND_LABELS, RULE_KIND_LABELS, TYPE_LABELS } from "./versionText.ts";

type Props = {
  form: FormDefinition;
  /** Heading level of the sections' titles (the page gives the level above). */
  as?: "h3" | "h4";
};

/** A questionnaire read as its definition: every section's fields with code, type, nature, requirement, bounds and help; the rules in French. */
export function FormOutline({ form, as: Title = "h3" }: Props) {
  return (
    <>
      {form.sections.map((section) => (
        <div key={section.code} className="fr-mb-4w">
          <Title className="fr-h6 fr-mb-1w">{section.title}</Title>
          {section.fields.length === 0 ? (
            <p>Aucun champ dans cette section.</p>
          ) : (
            <ScrollTable caption={`Champs de la section « ${section.title} »`} focusable className="fr-table--no-caption">
              <thead>
                <tr>
                  <th scope="col">Libellé</th>
                  <th scope="col">Code</th>
                  <th scope="col">Type</th>
                  <th scope="col">Nature</th>
                  <th scope="col">Obligatoire</th>
                  <th scope="col">Bornes</th>
                  <th scope="col">Aide</th>
                </tr>
              </thead>
              <tbody>
                {section.fields.map((f) => (
                  <tr key={f.code}>
                    <th scope="row" style={{ minWidth: "14rem" }}>
                      {f.label}
                    </th>
                    <td>
                      <code>{f.code}</code>
                    </td>
                    <td>{TYPE_LABELS[f.type]}</td>
                    <td>{KIND_LABELS[f.kind]}</td>
                    <td>{yesNo(f.required)}</td>
                    <td>{boundsText(f)}</td>
                    <td style={{ minWidth: "14rem" }}>{f.help ?? "—"}</td>
                  </tr>
                ))}
              </tbody>
            </ScrollTable>
          )}
        </div>
      ))}
      <Title className="fr-h6 fr-mb-1w">Règles</Title>
      {form.rules.length === 0 ? (
        <p>Aucune règle.</p>
      ) : (
        <ul>
          {form.rules.map((rule) => (
            <li key={rule.code} className="fr-mb-2w">
              <strong>{RULE_KIND_LABELS[rule.kind]}</strong> (<code>{rule.code}</code>) : {describeRule(rule, form)}.
              <br />
              <span className="fr-text--sm">Message affiché : « {rule.message} »</span>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
