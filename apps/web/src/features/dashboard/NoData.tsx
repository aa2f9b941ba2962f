/**
 * A figure with no report behind it. It is not zero: a month nobody has
 * reported yet must never read as a collapse of activity.
 */
export const NO_DATA = "aucune donnée";

export function NoData({ explanation = "aucun rapport n'est compté pour cette période : ce n'est pas zéro" }: { explanation?: string }) {
  return (
    <>
      {NO_DATA}
      <span className="fr-sr-only"> ({explanation})</span>
    </>
  );
}
