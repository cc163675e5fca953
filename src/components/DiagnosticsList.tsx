import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../store/store';
import { diagnosticSentences } from './diagnostics';

/** What to notice about this run and its data, in plain sentences, under the metrics table. */
export function DiagnosticsList() {
  const input = useStore(
    useShallow((s) => ({
      extrapolation: s.extrapolation,
      actual: s.test?.actual ?? null,
      predictions: s.predictions,
      epochLoss: s.epochLoss,
      stopReason: s.stopReason,
      restoredEpoch: s.restoredEpoch,
      patience: s.runConfig?.patience ?? 0,
    })),
  );
  const sentences = diagnosticSentences(input);
  if (sentences.length === 0) return null;
  return (
    <ul className="diagnostics" aria-label="Diagnostics">
      {sentences.map((t) => (
        <li key={t}>{t}</li>
      ))}
    </ul>
  );
}
