/**
 * Gives the focus back to what had it when a modal surface (the preview drawer, the confirmation) opened,
 * once it closes. Fluent restores focus only to elements marked as its restore targets, and the elements
 * that open these surfaces (a row of the list, a menu item) are not all ours to mark: without this, closing
 * with Escape left the focus on the page's body and a keyboard user back at the top of the pane.
 */
import { useLayoutEffect, useRef } from 'react';

export function useReturnFocus(open: boolean): void {
  const opener = useRef<HTMLElement | null>(null);
  // A layout effect: it runs before the surface's own (passive) effect moves the focus into it.
  useLayoutEffect(() => {
    if (open) {
      const active = document.activeElement;
      opener.current = active instanceof HTMLElement && active !== document.body ? active : null;
      return;
    }
    const target = opener.current;
    opener.current = null;
    // The opener may be gone (a row scrolled out of the virtual list, a menu closed): then Fluent's own
    // restorer, or the browser, decides.
    if (target !== null && target.isConnected) target.focus();
  }, [open]);
}
