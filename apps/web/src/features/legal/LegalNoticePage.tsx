import { Link } from "react-router";
import { ContactAddress } from "./ContactAddress.tsx";
import { LegalLayout } from "./LegalLayout.tsx";
import { usePublicContact } from "./publicContact.ts";

/** Said while whoever runs this deployment has not given its hosting notice. */
export const DEFAULT_HOSTING_NOTICE = "Hébergement : Réseau Canopé (à préciser par l'exploitation)";

/** The legal notice (mentions légales): publisher, publication director, host, intellectual property, open data licence, contact. */
export function LegalNoticePage() {
  const { state, retry } = usePublicContact();
  const hosting = state.status === "success" ? state.data.hostingNotice : null;
  return (
    <LegalLayout title="Mentions légales">
      <h2>Éditeur</h2>
      <p>
        Enquête atelier est éditée par Réseau Canopé, établissement public national à caractère administratif placé sous la tutelle du
        ministère chargé de l'éducation nationale.
      </p>
      <address className="fr-mb-3w">
        Réseau Canopé
        <br />
        Téléport 1 – Bâtiment @ 4
        <br />1 avenue du Futuroscope
        <br />
        CS 80158
        <br />
        86961 Futuroscope Chasseneuil Cedex
      </address>

      <h2>Directeur de la publication</h2>
      <p>Le directeur général de Réseau Canopé.</p>

      <h2>Hébergement</h2>
      {state.status === "loading" ? (
        <p aria-busy="true">Chargement de la mention d'hébergement…</p>
      ) : (
        // Given by whoever runs this deployment; kept as typed, line breaks included.
        <p style={{ whiteSpace: "pre-line" }}>{hosting ?? DEFAULT_HOSTING_NOTICE}</p>
      )}

      <h2>Propriété intellectuelle</h2>
      <p>
        Les textes, la présentation et le code de la plateforme appartiennent à Réseau Canopé, sauf mention contraire ; toute reproduction
        en dehors d'un usage personnel ou du cadre du service demande son accord. Le système de design de l'État et la fonte Marianne
        restent la propriété de l'État. Les chiffres déclarés par les ateliers ne sont rendus publics que par les données ouvertes.
      </p>

      <h2>Données ouvertes</h2>
      <p>
        Une fois une année close, ses indicateurs nationaux et territoriaux et leurs cibles sont publiés sous la licence ouverte Etalab 2.0
        : vous pouvez les réutiliser librement, y compris à des fins commerciales, en citant la source (« Réseau Canopé, Enquête atelier »)
        et la date de leur mise à jour. Voir la page <Link to="/donnees-ouvertes">Données ouvertes</Link>.
      </p>

      <h2>Contact</h2>
      <ContactAddress state={state} retry={retry} lead="Pour toute question sur ce site, écrivez à" />
      <p>
        Voir aussi la page <Link to="/contact">Contact</Link>, et la page <Link to="/donnees-personnelles">Données personnelles</Link> pour
        ce qui vous concerne.
      </p>
    </LegalLayout>
  );
}
