import { useCallback } from 'react';

/** Recharts' z-index layer groups (React portal containers) not yet taken out of the Tab order. */
const LAYERS = 'g[class*="recharts-zIndex-layer"]:not([tabindex])';

/**
 * Keeps Recharts' empty z-index layer `<g>` elements out of the Tab order. React listens for focus
 * events on every portal container, and Chromium makes an SVG element with focus listeners
 * keyboard-focusable, so each chart otherwise adds four to six invisible tab stops after its
 * surface. `tabindex="-1"` takes them out again (the chart surface itself stays reachable).
 * @returns a callback ref (React 19, with cleanup) for the element that holds the chart.
 */
export function useNoLayerTabStops() {
  return useCallback((root: HTMLElement | null) => {
    if (!root) return;
    const fix = () =>
      root.querySelectorAll(LAYERS).forEach((g) => g.setAttribute('tabindex', '-1'));
    fix();
    // The layers mount after the chart has measured itself, and again whenever it re-mounts.
    const observer = new MutationObserver(fix);
    observer.observe(root, { childList: true, subtree: true });
    return () => observer.disconnect();
  }, []);
}
