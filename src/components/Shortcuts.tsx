import { useEffect, useRef } from 'react';
import { isBusy } from '../store/runState';
import { useStore } from '../store/store';
import { pause, resetRun, resume, step, train } from '../store/trainActions';

/** The page's keyboard shortcuts, as the dialog lists them. */
export const SHORTCUTS = [
  { key: 'Space', does: 'Train, Pause or Resume' },
  { key: 'S', does: 'Step: train exactly one batch, then pause' },
  { key: 'R', does: 'Reset the run' },
  { key: '?', does: 'Show these shortcuts' },
] as const;

/** The mounted dialog, so the header's button can open it too. */
let openDialog: (() => void) | null = null;

/** Opens the list of shortcuts (the `?` key does the same). */
export function showShortcuts(): void {
  openDialog?.();
}

/** Where a key belongs to the control itself (typing, choosing, pressing a focused button). */
function ownsKey(target: EventTarget | null, key: string): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target.closest('input, select, textarea, dialog')) return true;
  return key === ' ' && target.closest('button, a, summary') !== null;
}

/** Space: Train / Pause / Resume, like a media player's play key. */
function playPause(): void {
  const { status } = useStore.getState();
  if (status === 'training' || status === 'compiling') pause();
  else if (status === 'paused') resume();
  else if (!isBusy(status)) train();
}

/**
 * Space, S, R and ? on the whole page (not while typing in a field or on a focused control that
 * uses the key), and the dialog that lists them.
 */
export function Shortcuts() {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    openDialog = () => dialog.current?.showModal();
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || e.repeat || ownsKey(e.target, e.key)) return;
      const act: Record<string, () => void> = {
        ' ': playPause,
        s: step,
        S: step,
        r: resetRun,
        R: resetRun,
        '?': showShortcuts,
      };
      const run = act[e.key];
      if (!run) return;
      e.preventDefault();
      run();
    };
    window.addEventListener('keydown', onKey);
    return () => {
      openDialog = null;
      window.removeEventListener('keydown', onKey);
    };
  }, []);
  return (
    <dialog ref={dialog} className="shortcuts" aria-labelledby="shortcuts-heading">
      <h2 id="shortcuts-heading">Keyboard shortcuts</h2>
      <table className="data-table compact" aria-labelledby="shortcuts-heading">
        <thead>
          <tr>
            <th scope="col">Key</th>
            <th scope="col">Does</th>
          </tr>
        </thead>
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={s.key}>
              <td>
                <kbd>{s.key}</kbd>
              </td>
              <td>{s.does}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form method="dialog">
        <button type="submit">Close</button>
      </form>
    </dialog>
  );
}
