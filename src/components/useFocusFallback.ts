import { useCallback } from 'react';

/**
 * Keeps keyboard focus inside a group of buttons when the focused one disables itself (Train while
 * a run starts, Stop once it has stopped): focus moves to the next enabled button after it, in
 * document order and wrapping round, instead of dropping to the page body. A button may name its
 * preferred successors with `data-focus-next="id1 id2"`; those are tried first.
 * @returns a callback ref (React 19, with cleanup) for the element that holds the buttons.
 */
export function useFocusFallback() {
  return useCallback((root: HTMLElement | null) => {
    if (!root) return;
    // The button that last had focus in the group. Chromium may blur a button as it is disabled
    // (focusout, no relatedTarget), so that blur keeps it; any other focus move forgets it.
    let last: HTMLButtonElement | null = null;
    const onFocusIn = (e: FocusEvent) => {
      last = e.target instanceof HTMLButtonElement ? e.target : null;
    };
    const onFocusOut = (e: FocusEvent) => {
      const leaving = e.target instanceof HTMLButtonElement && e.target.disabled;
      if (!leaving || e.relatedTarget) last = null;
    };
    const moveOn = () => {
      const from = last;
      if (!from?.disabled) return;
      const active = document.activeElement;
      if (active !== from && active !== document.body && active !== null) return;
      const buttons = Array.from(root.querySelectorAll('button'));
      const preferred = (from.dataset.focusNext ?? '')
        .split(/\s+/)
        .map((id) => (id ? document.getElementById(id) : null));
      const i = buttons.indexOf(from);
      const rest = [...buttons.slice(i + 1), ...buttons.slice(0, i)];
      const next = [...preferred, ...rest].find(
        (b): b is HTMLButtonElement => b instanceof HTMLButtonElement && !b.disabled,
      );
      if (next) {
        last = next;
        next.focus();
      }
    };
    root.addEventListener('focusin', onFocusIn);
    root.addEventListener('focusout', onFocusOut);
    const observer = new MutationObserver(moveOn);
    observer.observe(root, { attributes: true, attributeFilter: ['disabled'], subtree: true });
    return () => {
      observer.disconnect();
      root.removeEventListener('focusin', onFocusIn);
      root.removeEventListener('focusout', onFocusOut);
    };
  }, []);
}
