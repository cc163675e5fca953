import { useStore } from '../store/store';
import { formatMetric } from './format';

/** How this run's test RMSE compares with the previous one's, in words. */
function comparison(current: number | null, previous: number, finished: boolean): string {
  if (current === null || !Number.isFinite(current)) return '';
  const soFar = finished ? '' : ' so far';
  if (formatMetric(current) === formatMetric(previous)) return ` — this run is as good${soFar}.`;
  return ` — this run is ${current < previous ? 'better' : 'worse'}${soFar}.`;
}

/**
 * One sentence comparing the run on screen with the previous finished (or stopped) run:
 * what changed in the settings, the previous test RMSE, and whether this run does better.
 */
export function PreviousRunNote({
  currentRmse,
  finished,
}: {
  /** This run's test RMSE (live while training), or null when it has none yet. */
  currentRmse: number | null;
  finished: boolean;
}) {
  const previous = useStore((s) => s.previousRun);
  if (!previous) return null;
  const head = `Previous run (${previous.label}): `;
  const text =
    previous.rmse === null
      ? `${head}no test RMSE.`
      : `${head}RMSE ${formatMetric(previous.rmse)}${comparison(currentRmse, previous.rmse, finished) || '.'}`;
  return <p className="previous-run">{text}</p>;
}
