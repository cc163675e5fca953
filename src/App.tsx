import { useEffect, type ComponentType } from 'react';
import { DataPanel } from './components/DataPanel';
import { DropOverlay } from './components/DropOverlay';
import { ErrorBoundary } from './components/ErrorBoundary';
import { ExplorePanel } from './components/ExplorePanel';
import { Header } from './components/Header';
import { Messages } from './components/Messages';
import { MetricsPanel } from './components/MetricsPanel';
import { ModelSummary } from './components/ModelSummary';
import { Shortcuts } from './components/Shortcuts';
import { TrainPanel } from './components/TrainPanel';
import { TunePanel } from './components/TunePanel';
import { LossChart } from './components/charts/LossChart';
import { PredictionChart } from './components/charts/PredictionChart';
import { SeriesChart } from './components/charts/SeriesChart';
import { WhatIsRnn } from './components/explain/WhatIsRnn';
import { InsidePanel } from './components/inside/InsidePanel';
import { startApp } from './store/startApp';
import { useStore } from './store/store';

function WatchItLearn() {
  return (
    <section className="panel charts" aria-label="Watch it learn">
      <LossChart />
      <PredictionChart />
    </section>
  );
}

function TargetSeries() {
  return (
    <section className="panel" aria-label="Target series">
      <SeriesChart />
    </section>
  );
}

/** Every panel with the name its error boundary gives it, so both layouts list panels by id. */
const PANELS = {
  data: ['The data panel', DataPanel],
  tune: ['The settings', TunePanel],
  rnn: ['What is an RNN', WhatIsRnn],
  summary: ['The model summary', ModelSummary],
  train: ['The training panel', TrainPanel],
  charts: ['The charts', WatchItLearn],
  inside: ['Inside the network', InsidePanel],
  metrics: ['The metrics', MetricsPanel],
  series: ['The target series', TargetSeries],
  explore: ['Explore the data', ExplorePanel],
} satisfies Record<string, [string, ComponentType]>;

/** The panels `ids`, in order, each behind its own error boundary. */
function Panels({ ids }: { ids: (keyof typeof PANELS)[] }) {
  return ids.map((id) => {
    const [region, Panel] = PANELS[id];
    return (
      <ErrorBoundary key={id} region={region}>
        <Panel />
      </ErrorBoundary>
    );
  });
}

/**
 * Page layout: data and controls on the left, training and charts on the right. Classroom mode
 * (a projector) puts the run bar, the two live charts and the inside view on the first screen and
 * everything else below it.
 */
export default function App() {
  useEffect(() => startApp(), []);
  const classroom = useStore((s) => s.classroom);
  return (
    <div className={classroom ? 'app classroom' : 'app'}>
      <DropOverlay />
      <Shortcuts />
      <ErrorBoundary region="The header">
        <Header />
      </ErrorBoundary>
      {classroom ? (
        <main className="layout classroom-layout">
          <Messages />
          <div className="classroom-run">
            <Panels ids={['train']} />
          </div>
          <div className="classroom-charts">
            <Panels ids={['charts']} />
          </div>
          <div className="classroom-inside">
            <Panels ids={['inside']} />
          </div>
          <div className="classroom-rest">
            <Panels ids={['data', 'tune', 'rnn', 'summary', 'metrics', 'series', 'explore']} />
          </div>
        </main>
      ) : (
        <main className="layout">
          <Messages />
          <div className="col-left">
            <Panels ids={['data', 'tune', 'rnn', 'summary']} />
          </div>
          <div className="col-right">
            <Panels ids={['train', 'charts', 'inside', 'metrics', 'series', 'explore']} />
          </div>
        </main>
      )}
      <footer className="app-footer">
        Everything runs in your browser; your files never leave this computer. S&amp;P 500 sample:
        vega-datasets, BSD-3-Clause.
      </footer>
    </div>
  );
}
