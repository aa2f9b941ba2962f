import { Link } from "react-router";
import { ContactAddress } from "./ContactAddress.tsx";
import { LegalLayout } from "./LegalLayout.tsx";
import { usePublicContact } from "./publicContact.ts";

/** The national team's contact address, and what to write to it about. */
export function ContactPage() {
  const { state, retry } = usePublicContact();
  return (
    <LegalLayout title="Contact">
      <p>L'équipe nationale d'Enquête atelier (direction de l'ingénierie des services de Réseau Canopé) répond à vos questions.</p>
      <h2>Adresse de contact</h2>
      <ContactAddress state={state} retry={retry} lead="Écrivez à" />
      <h2>À quel sujet écrire</h2>
      <ul>
        <li>
          <strong>Votre accès</strong> : une invitation qui n'est pas arrivée, un compte désactivé, un rôle ou un atelier qui manque.
        </li>
        <li>
          <strong>Les chiffres</strong> : une question sur un indicateur, un export ou les données ouvertes. Pour le rapport d'un mois,
          voyez d'abord votre direction territoriale, qui le valide.
        </li>
        <li>
          <strong>L'accessibilité</strong> : un contenu ou une fonction que vous ne parvenez pas à utiliser (voir la{" "}
          <Link to="/accessibilite">déclaration d'accessibilité</Link>).
        </li>
        <li>
          <strong>Vos données personnelles</strong> : l'accès, la rectification, la limitation ou l'opposition (voir la page{" "}
          <Link to="/donnees-personnelles">Données personnelles</Link>).
        </li>
      </ul>
      <p>
        Indiquez votre atelier ou votre direction territoriale, et le mois du rapport s'il s'agit d'un rapport. N'envoyez jamais votre mot
        de passe : personne ne vous le demandera. Les réponses aux questions les plus courantes sont sur la page{" "}
        <Link to="/aide">Aide</Link>.
      </p>
    </LegalLayout>
  );
}
