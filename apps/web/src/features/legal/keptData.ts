/**
 * What the platform keeps about people, category by category, and for how
 * long: read from the code (apps/api/src/db/schema.ts, the sign-in and
 * session repositories, the jobs). Where nothing is purged, it says so.
 */
export interface KeptCategory {
  title: string;
  what: string;
  howLong: string;
  who: string;
}

export const KEPT_DATA: readonly KeptCategory[] = [
  {
    title: "Identité et adresse électronique",
    what: "Votre nom tel que l'administration l'a saisi, votre adresse électronique, la date de création du compte, celle de votre dernière connexion et de votre dernier changement de mot de passe. Le mot de passe n'est jamais conservé : seule une empreinte (argon2) l'est, qui ne permet pas de le retrouver.",
    howLong:
      "Tant que le compte existe. Un compte n'est pas supprimé automatiquement : l'administration le désactive quand la personne quitte ses fonctions, et il reste alors pour que l'historique des rapports dise qui a fait quoi. Demandez sa suppression si vous ne devez plus y figurer.",
    who: "Vous (page « Mon profil »), l'administration de la plateforme ; votre nom apparaît aussi dans l'historique des rapports que vous avez saisis ou examinés, visible de ceux qui peuvent lire ces rapports.",
  },
  {
    title: "Rôles et périmètre",
    what: "Vos rôles (direction d'atelier, direction territoriale, équipe nationale, administration, lecture) et l'atelier ou la direction territoriale auxquels ils s'appliquent, avec leur date d'attribution.",
    howLong: "Tant que le rôle vous est attribué ; un rôle retiré est effacé, et le journal des actions garde la trace du changement.",
    who: "Vous et l'administration.",
  },
  {
    title: "Heures et adresses de connexion",
    what: "Pour chaque session ouverte : le moment de la connexion et du dernier usage, l'adresse IP et le navigateur (User-Agent). Pour chaque adresse IP depuis laquelle vous vous êtes connecté : la date de la dernière connexion réussie, qui évite qu'un tiers puisse bloquer votre compte en se trompant de mot de passe.",
    howLong:
      "Une session prend fin après 30 minutes sans activité et au plus tard 12 heures après la connexion (valeurs par défaut de la plateforme) ; une session fermée par la déconnexion est effacée aussitôt, les autres à la première connexion qui suit leur expiration. Les adresses de connexion réussie ne sont pas effacées automatiquement à ce jour : elles ne servent plus après 90 jours et restent tant que le compte existe.",
    who: "Vous (page « Mon profil », rubrique des sessions) ; l'administration peut mettre fin à vos sessions en désactivant le compte.",
  },
  {
    title: "Connexions échouées",
    what: "Pour chaque essai de connexion refusé : l'adresse électronique saisie (sous une forme normalisée), l'adresse IP et l'heure. Elles servent à ralentir les essais répétés.",
    howLong:
      "Les essais de plus d'un jour sont effacés à chaque nouvel essai refusé ; une connexion réussie efface aussitôt ceux de votre compte depuis la même adresse.",
    who: "Personne ne les consulte : seule la plateforme les compte.",
  },
  {
    title: "Journal des actions",
    what: "Les actions d'administration et de pilotage (comptes créés ou modifiés, rôles, mots de passe définis, sessions terminées, jetons d'API, référentiel, paramètres, cibles) : qui, quand, et les valeurs avant et après. L'historique de chaque rapport garde de même qui a saisi, soumis, validé, renvoyé ou rouvert, quand, et les valeurs changées.",
    howLong:
      "Sans limite de durée à ce jour : rien ne purge le journal ni l'historique des rapports, qui sont la trace des chiffres du contrat d'objectifs et de performance. Une durée de conservation reste à fixer par Réseau Canopé.",
    who: "Le journal des actions : l'administration. L'historique d'un rapport : ceux qui peuvent lire ce rapport (l'atelier, sa direction territoriale, l'équipe nationale).",
  },
  {
    title: "Courriels envoyés",
    what: "Chaque courriel que la plateforme envoie (invitation, lien de mot de passe, rappels avant l'échéance et de retard, récapitulatif quotidien, avis de validation, de renvoi et de réouverture, échéance d'un jeton) : le destinataire, l'objet, le texte, le lien et l'heure d'envoi. Le lien personnel d'une invitation ou d'un mot de passe est masqué dans la liste de l'administration ; il ne sert qu'une fois et plus du tout passé sa durée de validité (72 heures pour une invitation, 1 heure pour un mot de passe).",
    howLong: "Sans limite de durée à ce jour : aucune purge automatique des courriels envoyés n'est en place.",
    who: "L'administration (page « Courriels »).",
  },
  {
    title: "Jetons d'API",
    what: "Pour les scripts : le nom que vous donnez au jeton, ses premiers caractères, sa date de fin (un an au plus), son dernier usage ; le jeton lui-même n'est conservé que sous forme d'empreinte.",
    howLong: "Tant que le compte existe, y compris après l'expiration ou la révocation du jeton.",
    who: "Vous ; l'administration voit les actions faites sur les jetons dans le journal.",
  },
  {
    title: "Journaux techniques du serveur",
    what: "Pour chaque requête : l'heure, l'adresse demandée, la réponse, l'adresse IP d'origine et l'identifiant du compte à la connexion ; jamais les mots de passe, les cookies ni les jetons, qui sont masqués.",
    howLong: "Le temps que fixe l'exploitation de la plateforme, qui reçoit ces journaux ; la plateforme elle-même ne les garde pas.",
    who: "L'équipe qui exploite la plateforme, pour en assurer la sécurité et le bon fonctionnement.",
  },
];
