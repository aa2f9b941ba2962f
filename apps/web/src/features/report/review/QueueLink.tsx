import { Link } from "react-router";

/** Back to the territory's review queue, on the home page. */
export function QueueLink({ href }: { href: string }) {
  return (
    <Link className="fr-link fr-icon-arrow-left-line fr-link--icon-left" to={href}>
      Retour aux rapports à examiner
    </Link>
  );
}
