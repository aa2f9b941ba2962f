import { Accordion } from "@codegouvfr/react-dsfr/Accordion";
import { FORGOT_PASSWORD_PATH } from "@enquete/domain";
import { Link } from "react-router";
import { formatDayNumber } from "../../shared/format.ts";
import { PROFILE_PATH } from "../profile/paths.ts";
import { ContactAddress } from "./ContactAddress.tsx";
import { LegalLayout } from "./LegalLayout.tsx";
import { usePublicContact } from "./publicContact.ts";

/** The questions a director asks in the first month, each answered shortly and as the platform really behaves. */
export function HelpPage() {
  const { state, retry } = usePublicContact();
  const dueDay = state.status === "success" ? state.data.dueDay : null;
  const due = dueDay === null ? "au jour d'échéance fixé par l'équipe nationale" : `le ${formatDayNumber(dueDay)} du mois suivant`;

  return (
    <LegalLayout title="Aide">
      <p>Les réponses aux questions que se posent les directions d'atelier pendant leur premier mois sur la plateforme.</p>

      <h2>Le calendrier</h2>
      <div className="fr-accordions-group">
        <Accordion titleAs="h3" label="Quand puis-je soumettre le rapport d'un mois ?">
          <p>
            Vous pouvez commencer le rapport dès le 1er du mois et y noter vos chiffres au fil des jours : il est enregistré comme
            brouillon. Il ne peut être soumis qu'une fois le mois terminé, à partir de son dernier jour, puisque l'activité du mois n'est
            connue qu'alors.
          </p>
        </Accordion>
        <Accordion titleAs="h3" label="Jusqu'à quand ?">
          <p>
            Le rapport d'un mois est dû <strong>{due}</strong>. Un rapport soumis pour la première fois après cette date, ou pas encore
            soumis, est signalé en retard ; un rapport renvoyé puis soumis de nouveau garde le retard de sa première soumission. Tant que le
            rapport n'est pas soumis, un courriel de rappel vous est envoyé quelques jours avant l'échéance, et un autre s'il est en retard
            (vous pouvez les désactiver depuis la page « Mon profil »).
          </p>
        </Accordion>
      </div>

      <h2>La saisie</h2>
      <div className="fr-accordions-group">
        <Accordion titleAs="h3" label="Qu'est-ce qu'une « journée stagiaire » ?">
          <p>
            Une personne formée pendant une journée (6 heures). Dix enseignants formés pendant une demi-journée font 5 journées stagiaires ;
            une demi-journée s'écrit 0,5. Comptez à part les journées dans les murs de l'atelier, hors les murs (en résidence, en
            établissement) et à distance animées par l'atelier.
          </p>
        </Accordion>
        <Accordion titleAs="h3" label="Un avertissement apparaît sous un champ : que faire ?">
          <p>
            Un avertissement signale un chiffre inhabituel : des « dont » qui ne font pas le total, ou une valeur très éloignée de celles
            des derniers mois de l'atelier. Ce n'est pas une erreur : si le chiffre est juste, expliquez-le en quelques mots dans le champ
            de justification qui apparaît ; la justification est demandée pour soumettre le rapport. Une erreur, elle (par exemple plus
            d'actions avec une ESPE que d'actions), doit être corrigée.
          </p>
        </Accordion>
        <Accordion titleAs="h3" label="Et si la connexion coupe pendant la saisie ?">
          <p>
            Rien n'est perdu : vos saisies sont enregistrées automatiquement au fil de la frappe et, tant que la plateforme ne les a pas
            reçues, une copie est gardée sur cet appareil. La ligne d'enregistrement l'indique (« Hors ligne – vos saisies sont conservées
            sur cet appareil ») ; elles partent dès que la connexion revient, ou à votre prochaine ouverture du rapport sur le même
            appareil.
          </p>
        </Accordion>
      </div>

      <h2>Après la soumission</h2>
      <div className="fr-accordions-group">
        <Accordion titleAs="h3" label="Qui valide mon rapport ?">
          <p>
            La direction territoriale dont dépend votre atelier ce mois-là ; l'équipe nationale peut aussi valider. Un rapport validé compte
            dans les chiffres officiels et ne se modifie plus, sauf si l'équipe nationale le rouvre en donnant la raison.
          </p>
        </Accordion>
        <Accordion titleAs="h3" label="Mon rapport m'a été renvoyé : que faire ?">
          <p>
            Le commentaire de la direction territoriale (ou la raison d'une réouverture) s'affiche en haut du rapport, et vous en êtes
            averti par courriel. Corrigez ce qui doit l'être, puis soumettez de nouveau : au moment de soumettre, vous pouvez répondre au
            commentaire. Le commentaire et votre réponse restent dans l'historique du rapport.
          </p>
        </Accordion>
      </div>

      <h2>Votre compte</h2>
      <div className="fr-accordions-group">
        <Accordion titleAs="h3" label="Comment changer mon mot de passe ?">
          <p>
            Depuis la page <Link to={`${PROFILE_PATH}#mot-de-passe`}>Mon profil</Link>, rubrique « Mot de passe » : saisissez l'actuel puis
            le nouveau (12 caractères au moins). Vos autres sessions prennent fin. Si vous l'avez oublié, utilisez le lien{" "}
            <Link to={FORGOT_PASSWORD_PATH}>Mot de passe oublié ?</Link> de la page de connexion : un lien valable 1 heure vous est envoyé.
          </p>
        </Accordion>
        <Accordion titleAs="h3" label="À qui poser une question ?">
          <p>
            Pour un chiffre ou un rapport, à votre direction territoriale. Pour un accès, un problème sur la plateforme ou vos données
            personnelles, à l'équipe nationale :
          </p>
          <ContactAddress state={state} retry={retry} lead="Écrivez à" />
          <p>
            Voir aussi la page <Link to="/contact">Contact</Link>.
          </p>
        </Accordion>
      </div>
    </LegalLayout>
  );
}
