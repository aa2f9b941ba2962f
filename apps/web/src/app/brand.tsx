export const brandTop = (
  <>
    Réseau
    <br />
    Canopé
  </>
);

export const homeLinkProps = {
  to: "/",
  title: "Accueil – Enquête atelier – Réseau Canopé",
};
