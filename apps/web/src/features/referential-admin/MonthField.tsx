import { useId } from "react";
import { monthName, offeredYears } from "./months.ts";

type Props = {
  legend: string;
  hint?: string;
  /** "YYYY-MM". */
  value: string;
  onChange: (period: string) => void;
  /** The French error to show under the field. */
  error?: string;
  disabled?: boolean;
};

/**
 * A month chosen as a month and a year, in two native selects grouped by a
 * DSFR fieldset: the same on every browser, with the keyboard alone, and
 * read by screen readers as one question (the legend) with two parts.
 */
export function MonthField({ legend, hint, value, onChange, error, disabled }: Props) {
  const id = useId();
  const [year = "", month = ""] = value.split("-");
  const messagesId = `${id}-messages`;
  const set = (y: string, m: string) => onChange(`${y}-${m}`);
  return (
    <fieldset
      className={`fr-fieldset${error ? " fr-fieldset--error" : ""}`}
      aria-labelledby={`${id}-legend ${messagesId}`}
      disabled={disabled}
    >
      <legend id={`${id}-legend`} className="fr-fieldset__legend fr-fieldset__legend--regular">
        {legend}
        {hint && <span className="fr-hint-text">{hint}</span>}
      </legend>
      <div className="fr-fieldset__element fr-fieldset__element--inline">
        <div className={`fr-select-group${error ? " fr-select-group--error" : ""}`}>
          <label className="fr-label" htmlFor={`${id}-month`}>
            Mois
          </label>
          <select
            id={`${id}-month`}
            className="fr-select"
            value={month}
            onChange={(e) => set(year, e.target.value)}
            aria-invalid={error ? true : undefined}
          >
            {Array.from({ length: 12 }, (_, i) => {
              const m = String(i + 1).padStart(2, "0");
              return (
                <option key={m} value={m}>
                  {monthName(i + 1)}
                </option>
              );
            })}
          </select>
        </div>
      </div>
      <div className="fr-fieldset__element fr-fieldset__element--inline">
        <div className={`fr-select-group${error ? " fr-select-group--error" : ""}`}>
          <label className="fr-label" htmlFor={`${id}-year`}>
            Année
          </label>
          <select
            id={`${id}-year`}
            className="fr-select"
            value={year}
            onChange={(e) => set(e.target.value, month)}
            aria-invalid={error ? true : undefined}
          >
            {offeredYears().map((y) => (
              <option key={y} value={String(y)}>
                {y}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="fr-messages-group" id={messagesId} aria-live="polite">
        {error && <p className="fr-message fr-message--error">{error}</p>}
      </div>
    </fieldset>
  );
}
