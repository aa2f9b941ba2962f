/**
 * The State's block (bloc-marque) carries the ministry Réseau Canopé answers
 * to; the operator itself is shown beside it by its logo (DSFR: an operator's
 * header and footer).
 */
export const brandTop = (
  <>
    Ministère
    <br />
    de l'Éducation
    <br />
    nationale
  </>
);

export const homeLinkProps = {
  to: "/",
  title: "Accueil – Enquête atelier – Réseau Canopé",
};

/** Our own drawing of the operator's name (not its official logo, which the platform does not hold). */
export const operatorLogo = {
  orientation: "horizontal" as const,
  imgUrl: "/operateur-reseau-canope.svg",
  alt: "Réseau Canopé",
};
