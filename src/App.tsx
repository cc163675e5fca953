import { useEffect } from 'react';
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
            <ErrorBoundary region="The training panel">
              <TrainPanel />
            </ErrorBoundary>
          </div>
          <div className="classroom-charts">
            <ErrorBoundary region="The charts">
              <WatchItLearn />
            </ErrorBoundary>
          </div>
          <div className="classroom-inside">
            <ErrorBoundary region="Inside the network">
              <InsidePanel />
            </ErrorBoundary>
          </div>
          <div className="classroom-rest">
            <ErrorBoundary region="The data panel">
              <DataPanel />
            </ErrorBoundary>
            <ErrorBoundary region="The settings">
              <TunePanel />
            </ErrorBoundary>
            <ErrorBoundary region="What is an RNN">
              <WhatIsRnn />
            </ErrorBoundary>
            <ErrorBoundary region="The model summary">
              <ModelSummary />
            </ErrorBoundary>
            <ErrorBoundary region="The metrics">
              <MetricsPanel />
            </ErrorBoundary>
            <ErrorBoundary region="The target series">
              <TargetSeries />
            </ErrorBoundary>
            <ErrorBoundary region="Explore the data">
              <ExplorePanel />
            </ErrorBoundary>
          </div>
        </main>
      ) : (
        <main className="layout">
          <Messages />
          <div className="col-left">
            <ErrorBoundary region="The data panel">
              <DataPanel />
            </ErrorBoundary>
            <ErrorBoundary region="The settings">
              <TunePanel />
            </ErrorBoundary>
            <ErrorBoundary region="What is an RNN">
              <WhatIsRnn />
            </ErrorBoundary>
            <ErrorBoundary region="The model summary">
              <ModelSummary />
            </ErrorBoundary>
          </div>
          <div className="col-right">
            <ErrorBoundary region="The training panel">
              <TrainPanel />
            </ErrorBoundary>
            <ErrorBoundary region="The charts">
              <WatchItLearn />
            </ErrorBoundary>
            <ErrorBoundary region="Inside the network">
              <InsidePanel />
            </ErrorBoundary>
            <ErrorBoundary region="The metrics">
              <MetricsPanel />
            </ErrorBoundary>
            <ErrorBoundary region="The target series">
              <TargetSeries />
            </ErrorBoundary>
            <ErrorBoundary region="Explore the data">
              <ExplorePanel />
            </ErrorBoundary>
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
