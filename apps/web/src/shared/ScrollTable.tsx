import { type CSSProperties, type ReactNode, useId } from "react";

interface Props {
  caption: ReactNode;
  /** DSFR modifiers added to `fr-table fr-table--sm` (e.g. "fr-table--bordered fr-table--no-caption"). */
  className?: string;
  tableStyle?: CSSProperties;
  /**
   * A long table that scrolls inside its frame: the frame takes the keyboard
   * focus and is named by the caption, so it can be scrolled without a mouse.
   */
  focusable?: boolean;
  /** thead, tbody… */
  children: ReactNode;
}

/** The DSFR table markup, written once: wrapper, scrolling container, caption. */
export function ScrollTable({ caption, className, tableStyle, focusable = false, children }: Props) {
  const captionId = useId();
  const content = (
    <div className="fr-table__content">
      <table style={tableStyle}>
        <caption id={captionId}>{caption}</caption>
        {children}
      </table>
    </div>
  );
  return (
    <div className={["fr-table fr-table--sm", className].filter(Boolean).join(" ")}>
      <div className="fr-table__wrapper">
        {focusable ? (
          <>
            {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard */}
            <section className="fr-table__container" tabIndex={0} aria-labelledby={captionId}>
              {content}
            </section>
          </>
        ) : (
          <div className="fr-table__container">{content}</div>
        )}
      </div>
    </div>
  );
}
