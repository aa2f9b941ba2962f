/** The distance-learning page's address (a tiny module: the home and the dashboard link to it without its code). */
export const DISTANCE_LEARNING_PATH = "/journees-foad";
export const YEAR_PARAM = "annee";

/** "/journees-foad?annee=2025". */
export function distanceLearningPath(year?: number): string {
  return year === undefined ? DISTANCE_LEARNING_PATH : `${DISTANCE_LEARNING_PATH}?${YEAR_PARAM}=${year}`;
}
