import { useEffect } from 'react';
import { DataPanel } from './components/DataPanel';
import { DropOverlay } from './components/DropOverlay';
import { ExplorePanel } from './components/ExplorePanel';
import { Header } from './components/Header';
import { Messages } from './components/Messages';
import { MetricsPanel } from './components/MetricsPanel';
import { ModelSummary } from './components/ModelSummary';
import { TrainPanel } from './components/TrainPanel';
import { TunePanel } from './components/TunePanel';
import { WhatIsRnn } from './components/explain/WhatIsRnn';
import { LossChart } from './components/charts/LossChart';
import { PredictionChart } from './components/charts/PredictionChart';
import { SeriesChart } from './components/charts/SeriesChart';
import { startApp } from './store/startApp';

/** Page layout: data and controls on the left, training and charts on the right. */
export default function App() {
  useEffect(() => startApp(), []);
  return (
    <>
      <DropOverlay />
      <Header />
      <main className="layout">
        <Messages />
        <div className="col-left">
          <DataPanel />
          <TunePanel />
          <WhatIsRnn />
          <ModelSummary />
        </div>
        <div className="col-right">
          <TrainPanel />
          <section className="panel charts" aria-label="Watch it learn">
            <LossChart />
            <PredictionChart />
          </section>
          <MetricsPanel />
          <section className="panel" aria-label="Target series">
            <SeriesChart />
          </section>
          <ExplorePanel />
        </div>
      </main>
      <footer className="app-footer">
        Everything runs in your browser; your files never leave this computer. S&amp;P 500 sample:
        vega-datasets, BSD-3-Clause.
      </footer>
    </>
  );
}
