import { Link } from "react-router";
import { LegalLayout } from "./LegalLayout.tsx";

/**
 * The cookies and browser storage of the platform, as the code sets them
 * (apps/api/src/modules/auth/cookie.ts, oidc-routes.ts; the report's device
 * copy, report/save/localDraft.ts; the DSFR display setting).
 */
export function CookiesPage() {
  return (
    <LegalLayout title="Gestion des cookies">
      <p>
        Enquête atelier ne dépose que ce qui est strictement nécessaire à son fonctionnement : le cookie de votre session. Ces cookies sont
        exemptés de consentement (article 82 de la loi Informatique et Libertés) : c'est pourquoi aucun bandeau ne vous demande votre
        accord. Il n'y a aucun cookie de mesure d'audience, de publicité ou de réseau social, et aucun service tiers n'est appelé par les
        pages.
      </p>

      <h2>Le cookie de session</h2>
      <dl>
        <dt className="fr-text--bold">Nom</dt>
        <dd className="fr-mb-1w">
          <code>enquete_session</code> (<code>__Host-enquete_session</code> quand la plateforme est servie en HTTPS, ce qui la protège d'un
          autre site du même domaine).
        </dd>
        <dt className="fr-text--bold">À quoi il sert</dt>
        <dd className="fr-mb-1w">
          À vous garder connecté d'une page à l'autre. Il ne contient qu'un identifiant tiré au hasard ; la plateforme n'en garde qu'une
          empreinte, qui ne permet pas de se connecter à votre place.
        </dd>
        <dt className="fr-text--bold">Durée de vie</dt>
        <dd className="fr-mb-1w">
          Déposé à la connexion, il expire au plus tard 12 heures après ; la session prend fin plus tôt après 30 minutes sans activité
          (valeurs par défaut de la plateforme), et dès que vous vous déconnectez.
        </dd>
        <dt className="fr-text--bold">Protection</dt>
        <dd className="fr-mb-3w">
          HttpOnly (aucun script de la page ne peut le lire), SameSite=Lax (il n'accompagne pas les envois venus d'un autre site), et Secure
          en HTTPS (il ne circule jamais en clair).
        </dd>
      </dl>
      <p>
        Si la connexion par ProConnect est proposée et que vous l'utilisez, un second cookie technique, <code>enquete_sso</code>, garde
        pendant 10 minutes au plus le lien entre votre navigateur et la demande de connexion, avec les mêmes protections ; il est effacé au
        retour de ProConnect.
      </p>

      <h2>Ce qui est gardé dans votre navigateur</h2>
      <p>Deux choses sont gardées dans le stockage local de votre navigateur (localStorage), sur votre appareil seulement :</p>
      <ul>
        <li>
          <strong>La copie de vos saisies</strong> dans un rapport (valeurs, notes, justifications et votre réponse à un commentaire de
          renvoi), pour que rien ne soit perdu si l'onglet se ferme, si la connexion tombe ou si la session expire. La copie des valeurs est
          effacée dès que la plateforme les a enregistrées ; les justifications et la réponse, qui ne partent qu'avec la soumission, sont
          effacées quand le rapport est soumis. Une copie qui n'a pas pu partir reste sur l'appareil jusqu'à votre prochaine visite du
          rapport, même après la déconnexion : sur un poste partagé, attendez que la ligne d'enregistrement indique que tout est enregistré.
        </li>
        <li>
          <strong>Votre préférence d'affichage</strong> (thème clair, sombre ou celui du système), choisie dans « Paramètres d'affichage »
          en bas de page. Elle reste jusqu'à ce que vous la changiez ou effaciez les données du site dans votre navigateur.
        </li>
      </ul>
      <p>
        Rien de cela n'est transmis à un tiers. Vous pouvez tout effacer depuis les réglages de votre navigateur (données des sites) : vous
        serez alors déconnecté, et une saisie qui n'aurait pas encore été enregistrée serait perdue.
      </p>
      <p>
        Pour les données conservées sur la plateforme elle-même, voir la page <Link to="/donnees-personnelles">Données personnelles</Link>.
      </p>
    </LegalLayout>
  );
}
