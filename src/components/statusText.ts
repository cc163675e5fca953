/** The sentence of the role="status" live region, e.g. `Epoch 3 / 100 · loss 0.0123 · Backend: webgl`. */
import type { State } from '../store/store';
import { formatLoss } from './format';

type StatusInput = Pick<
  State,
  'status' | 'progress' | 'epochLoss' | 'backend' | 'config' | 'dataset' | 'loading'
>;

/**
 * Changes at most once per epoch (not per batch), so a screen reader is not flooded.
 * Ends in `· done` when training has finished.
 */
export function statusText(s: StatusInput): string {
  const backend = `Backend: ${s.backend?.name ?? s.config.backend}`;
  const last = s.epochLoss[s.epochLoss.length - 1];
  const epochs = s.progress?.epochs ?? s.config.epochs;
  // Done: the last epoch trained, which early stopping can make fewer than asked for.
  const epoch =
    s.status === 'done'
      ? (last?.epoch ?? epochs)
      : Math.max(s.progress?.epoch ?? 0, last?.epoch ?? 0);
  // Before the first epoch ends there is no loss to show yet: say so rather than print a dash.
  const loss = last
    ? `loss ${formatLoss(last.train)}`
    : s.status === 'training'
      ? 'first epoch running'
      : null;
  const head = [`Epoch ${epoch} / ${epochs}`, loss, backend].filter(Boolean).join(' · ');
  switch (s.status) {
    case 'idle':
      if (s.loading) return `Loading ${s.loading.name}…`;
      return s.dataset ? `Ready to train · ${backend}` : 'Loading the sample data…';
    case 'compiling':
      return `Preparing the model · ${backend}`;
    case 'training':
      return head;
    case 'paused':
      return `${head} · paused`;
    case 'stopped':
      return `${head} · stopped`;
    case 'done':
      return `${head} · done`;
  }
}
