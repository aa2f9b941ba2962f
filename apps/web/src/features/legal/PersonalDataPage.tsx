import { Link } from "react-router";
import { ContactAddress } from "./ContactAddress.tsx";
import { KEPT_DATA } from "./keptData.ts";
import { LegalLayout } from "./LegalLayout.tsx";
import { usePublicContact } from "./publicContact.ts";

/** What the platform keeps about people, why, how long, who sees it, and whom to ask (RGPD). */
export function PersonalDataPage() {
  const { state, retry } = usePublicContact();
  return (
    <LegalLayout title="Données personnelles">
      <p>
        Cette page dit quelles données personnelles Enquête atelier conserve, pourquoi, combien de temps, qui peut les voir et comment
        exercer vos droits.
      </p>

      <h2>Responsable du traitement</h2>
      <p>
        Réseau Canopé, établissement public national à caractère administratif, Téléport 1 – Bâtiment @ 4, 1 avenue du Futuroscope, CS
        80158, 86961 Futuroscope Chasseneuil Cedex, représenté par son directeur général.
      </p>

      <h2>Finalité</h2>
      <p>
        La plateforme sert à l'enquête mensuelle d'activité des ateliers Canopé : chaque direction d'atelier y déclare l'activité du mois,
        la direction territoriale la valide, et l'équipe nationale en tire les indicateurs du contrat d'objectifs et de performance. Pour
        cela elle gère des comptes (qui peut se connecter), des rôles (qui peut lire, saisir ou valider quoi) et un journal (qui a fait
        quoi, et quand), qui garantit que chaque chiffre peut être retracé.
      </p>

      <h2>Base légale</h2>
      <p>
        Le traitement est nécessaire à l'exécution d'une mission d'intérêt public dont est investi Réseau Canopé (article 6, paragraphe 1,
        point e du règlement général sur la protection des données, RGPD). Les personnes concernées sont les agents qui utilisent la
        plateforme ; aucune donnée des publics des ateliers n'y est saisie : les rapports ne contiennent que des nombres.
      </p>

      <h2>Ce qui est conservé, combien de temps, qui le voit</h2>
      {KEPT_DATA.map((category) => (
        <section key={category.title} aria-labelledby={`conserve-${slug(category.title)}`}>
          <h3 id={`conserve-${slug(category.title)}`} className="fr-h5">
            {category.title}
          </h3>
          <dl>
            <dt className="fr-text--bold">Ce qui est conservé</dt>
            <dd className="fr-mb-1w">{category.what}</dd>
            <dt className="fr-text--bold">Combien de temps</dt>
            <dd className="fr-mb-1w">{category.howLong}</dd>
            <dt className="fr-text--bold">Qui peut le voir</dt>
            <dd className="fr-mb-3w">{category.who}</dd>
          </dl>
        </section>
      ))}
      <p>
        Les données sont conservées dans la base de la plateforme, chez son hébergeur (voir les{" "}
        <Link to="/mentions-legales">mentions légales</Link>). Elles ne sont ni vendues, ni cédées, ni utilisées à d'autres fins. Aucun
        outil de mesure d'audience ni aucun service tiers ne les reçoit (voir la page{" "}
        <Link to="/gestion-des-cookies">Gestion des cookies</Link>).
      </p>

      <h2>Vos droits</h2>
      <p>
        Vous pouvez demander l'accès aux données qui vous concernent, leur rectification, leur limitation, ou vous opposer à leur traitement
        pour des raisons tenant à votre situation particulière. Votre nom et vos rôles se corrigent par l'administration de la plateforme ;
        votre mot de passe et vos sessions se gèrent vous-même depuis la page « Mon profil ».
      </p>
      <h3 className="fr-h5">À qui vous adresser</h3>
      <ContactAddress
        state={state}
        retry={retry}
        lead="Écrivez à l'équipe nationale de la plateforme, qui transmet si besoin au délégué à la protection des données (DPO) de Réseau Canopé :"
      />
      <p>Une réponse vous est apportée dans un délai d'un mois.</p>
      <h3 className="fr-h5">Réclamation auprès de la CNIL</h3>
      <p>
        Si vous estimez, après nous avoir contactés, que vos droits ne sont pas respectés, vous pouvez adresser une réclamation à la
        Commission nationale de l'informatique et des libertés (CNIL), 3 place de Fontenoy, TSA 80715, 75334 Paris Cedex 07, ou en ligne sur{" "}
        <a href="https://www.cnil.fr/fr/plaintes">cnil.fr/fr/plaintes</a>.
      </p>
    </LegalLayout>
  );
}

/** An id from a category's title, for its heading. */
function slug(title: string): string {
  return title
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}
