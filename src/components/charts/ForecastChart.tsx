import { useMemo } from 'react';
import {
  Area,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { useShallow } from 'zustand/react/shallow';
import { canForecast, downloadForecast, forecastDates } from '../../store/forecastActions';
import { useStore } from '../../store/store';
import { dateTick, valueTick } from './axis';
import { forecastPoints, namesList } from './forecastPoints';
import { COLORS, GRID, LINE } from './palette';
import { ShowData } from './ShowData';
import { useChartHeight } from './useChartHeight';
import { useNoLayerTabStops } from './useNoLayerTabStops';

const NAMES = {
  actual: 'Actual',
  forecast: 'Forecast',
  band: 'Band (10–90 %)',
  persistence: 'Persistence (last value)',
};
const LEGEND_ORDER: string[] = Object.values(NAMES);
/** One empty list, so the shallow selector sees no change before a run. */
const NO_INPUTS: string[] = [];

/**
 * The recursive forecast past the data's last row after a run: the end of the series, the model's
 * forecast, the Monte Carlo dropout band when dropout is on and persistence drawn flat beside it.
 */
export function ForecastChart() {
  const figureRef = useNoLayerTabStops();
  const height = useChartHeight();
  const { forecast, error, dataset, target, ready, inputs, steps, dropout } = useStore(
    useShallow((s) => ({
      forecast: s.forecast,
      error: s.forecastError,
      dataset: s.dataset,
      target: s.test?.target ?? null,
      ready: canForecast(s),
      inputs: s.runConfig?.inputColumns ?? NO_INPUTS,
      steps: s.config.forecastSteps,
      dropout: s.runConfig?.dropout ?? 0,
    })),
  );
  const values = target ? dataset?.numeric[target] : undefined;
  const n = values?.length ?? 0;
  const labels = useMemo(
    () => (forecast ? forecastDates(dataset, n, forecast.steps) : []),
    [dataset, n, forecast],
  );
  const data = useMemo(
    () => (values && forecast ? forecastPoints(values, forecast) : []),
    [values, forecast],
  );
  const ended = useStore((s) => s.status === 'done' || s.status === 'stopped');
  if (!ended || !values || !target || n === 0) return null;
  const band = (forecast?.samples ?? 1) > 1;
  const past = dateTick(dataset?.times ?? null, dataset?.yearly);
  const tick = (x: number) => (x < n ? past(x) : (labels[Math.round(x) - n] ?? String(x)));
  let note: string | null = null;
  if (inputs.length > 0)
    note = `Forecasting needs the future of every input column; with ${namesList([target, ...inputs])} as inputs the model cannot forecast past the data.`;
  else if (steps <= 0) note = 'Set Forecast steps above 0 to forecast past the data.';
  else if (error) note = error;
  else if (!ready) note = 'The forecast comes once an epoch has finished.';
  else if (!forecast) note = 'Forecasting…';
  return (
    <figure ref={figureRef} className="chart forecast" data-points={data.length}>
      <figcaption>Forecast</figcaption>
      <p className="explain">
        Past the last date the model predicts one step, appends that guess to its window and
        predicts again. Recursive forecasts drift: each step feeds on the previous guess, not on
        data, so errors add up; the flat persistence line is the bar to beat.
        {band
          ? ` The band holds the middle 80 % (10–90 %) of ${forecast?.samples} runs with dropout left on, each a slightly different network.`
          : dropout === 0 && forecast
            ? ' With dropout 0 there is no uncertainty band; train with dropout to see one.'
            : ''}
      </p>
      {note ? (
        <p className="chart-note" aria-live="polite">
          {note}
        </p>
      ) : (
        <>
          <p className="chart-note">
            {target}, the last {n - (data[0]?.x ?? 0)} rows and {forecast?.steps} steps forecast,
            original units
          </p>
          <ResponsiveContainer width="100%" height={height}>
            <ComposedChart data={data} margin={{ top: 8, right: 16, bottom: 4, left: 4 }}>
              <CartesianGrid stroke={GRID} strokeDasharray="3 3" />
              <XAxis
                dataKey="x"
                type="number"
                domain={['dataMin', 'dataMax']}
                tickFormatter={tick}
                minTickGap={40}
              />
              <YAxis domain={['auto', 'auto']} tickFormatter={valueTick} width={56} />
              <Tooltip
                labelFormatter={(v) => tick(Number(v))}
                formatter={(v) =>
                  Array.isArray(v)
                    ? v.map((x) => Number(x).toFixed(2)).join(' – ')
                    : typeof v === 'number'
                      ? v.toFixed(2)
                      : String(v)
                }
              />
              <Legend itemSorter={(item) => LEGEND_ORDER.indexOf(String(item.value))} />
              {band && (
                <Area
                  dataKey="band"
                  name={NAMES.band}
                  stroke={COLORS.forecastBand}
                  fill={COLORS.forecastBand}
                  fillOpacity={0.18}
                  strokeWidth={1}
                  isAnimationActive={false}
                />
              )}
              <Line
                dataKey="actual"
                name={NAMES.actual}
                stroke={COLORS.actual}
                dot={false}
                strokeWidth={LINE.main}
                isAnimationActive={false}
              />
              <Line
                dataKey="forecast"
                name={NAMES.forecast}
                stroke={COLORS.prediction}
                dot={false}
                strokeWidth={LINE.main}
                isAnimationActive={false}
              />
              <Line
                dataKey="persistence"
                name={NAMES.persistence}
                stroke={COLORS.persistence}
                strokeDasharray="6 4"
                dot={false}
                strokeWidth={LINE.thin}
                isAnimationActive={false}
              />
            </ComposedChart>
          </ResponsiveContainer>
          <ShowData
            name="Forecast"
            columns={['Date', 'Forecast', 'Low', 'High']}
            rows={() =>
              labels.map((d, s) => [
                d,
                forecast!.forecast[s],
                band ? forecast!.low[s] : null,
                band ? forecast!.high[s] : null,
              ])
            }
          />
          <div className="buttons">
            <button type="button" onClick={downloadForecast}>
              Download forecast
            </button>
          </div>
        </>
      )}
    </figure>
  );
}
