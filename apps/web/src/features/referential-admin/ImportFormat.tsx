import { Accordion } from "@codegouvfr/react-dsfr/Accordion";

/** The file's format, as the API reads it (the same rules as the referential's forms). */
export function ImportFormat() {
  return (
    <Accordion label="Format du fichier" titleAs="h2" className="fr-mb-4w">
      <p>
        Première ligne, l'en-tête :{" "}
        <code>type;code;nom;ville;departement;direction_territoriale;a_partir_de;labellisation;laboratoire;espe</code> (type et code
        obligatoires, les autres colonnes au choix, dans n'importe quel ordre). Puis une ligne par changement, lue dans l'ordre du fichier ;
        une cellule vide ne change rien.
      </p>
      <ul>
        <li>
          <strong>direction</strong> (code, nom) : crée la direction territoriale, ou la renomme.
        </li>
        <li>
          <strong>atelier</strong> : ouvre l'atelier s'il n'existe pas (nom, ville, direction_territoriale, a_partir_de) ; sinon le renomme
          (nom, ville), le rattache à direction_territoriale à partir du mois a_partir_de et fixe à partir de ce mois labellisation
          (labellise, en_cours, non_engage), laboratoire et espe (oui, non).
        </li>
        <li>
          <strong>fermeture</strong> (code, a_partir_de) : ferme l'atelier à partir de ce mois.
        </li>
      </ul>
      <p>Les mois s'écrivent AAAA-MM, par exemple 2026-09. Au plus 2 000 lignes.</p>
    </Accordion>
  );
}
