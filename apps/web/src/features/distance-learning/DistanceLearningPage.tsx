/** Placeholder: replaced by the page itself. */
export function DistanceLearningPage() {
  return null;
}
