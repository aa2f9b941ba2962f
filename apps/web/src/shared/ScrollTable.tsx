import { type CSSProperties, type ReactNode, type RefObject, useEffect, useId, useRef, useState } from "react";

interface Props {
  caption: ReactNode;
  /** DSFR modifiers added to `fr-table fr-table--sm` (e.g. "fr-table--bordered fr-table--no-caption"). */
  className?: string;
  tableStyle?: CSSProperties;
  /**
   * A long table that scrolls inside its frame: the frame takes the keyboard
   * focus and is named by the caption, so it can be scrolled without a mouse.
   * A table wider than its frame (a phone) gets the same without asking.
   */
  focusable?: boolean;
  /** thead, tbody… */
  children: ReactNode;
}

/** The DSFR table markup, written once: wrapper, scrolling container, caption. */
export function ScrollTable({ caption, className, tableStyle, focusable = false, children }: Props) {
  const captionId = useId();
  const container = useRef<HTMLDivElement>(null);
  const scrolls = useScrolls(container);
  const reachable = focusable || scrolls;
  return (
    <div className={["fr-table fr-table--sm", className].filter(Boolean).join(" ")}>
      <div className="fr-table__wrapper">
        {/* One element whatever the width, so that a table of a thousand cells is not rebuilt when it starts to scroll. */}
        <div
          ref={container}
          className="fr-table__container"
          {...(reachable ? { role: "region", tabIndex: 0, "aria-labelledby": captionId } : {})}
        >
          <div className="fr-table__content">
            <table style={tableStyle}>
              <caption id={captionId}>{caption}</caption>
              {children}
            </table>
          </div>
        </div>
      </div>
    </div>
  );
}

/** Whether the element's content is larger than the element, i.e. it scrolls (a phone, a narrow window). */
function useScrolls(ref: RefObject<HTMLElement | null>): boolean {
  const [scrolls, setScrolls] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => setScrolls(element.scrollWidth > element.clientWidth + 1 || element.scrollHeight > element.clientHeight + 1);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    // The table grows with its rows and columns while the frame keeps its size.
    const table = element.querySelector("table");
    if (table) observer.observe(table);
    return () => observer.disconnect();
  }, [ref]);
  return scrolls;
}
