import { useId, useMemo, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../../store/store';
import { UnrolledFigure } from './UnrolledFigure';
import { layoutUnrolled } from './unrolled';

/**
 * For students: what a recurrent network does, in two sentences and a picture of the configured
 * network unrolled over its time steps. Collapsible; open at first. The heading holds the toggle
 * button (the disclosure pattern), so the region keeps its name and the heading its role in every
 * screen reader, which a heading inside <summary> does not.
 */
export function WhatIsRnn() {
  const config = useStore(
    useShallow((s) => ({
      timesteps: s.config.timesteps,
      layers: s.config.layers,
      units: s.config.units,
      cell: s.config.cell,
    })),
  );
  const picture = useMemo(() => layoutUnrolled(config), [config]);
  const [open, setOpen] = useState(true);
  const id = useId();
  return (
    <section className="panel explain" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className="explain-heading">
        <button
          type="button"
          className="explain-toggle"
          aria-expanded={open}
          aria-controls={`${id}-body`}
          onClick={() => setOpen((o) => !o)}
        >
          <span className="explain-chevron" aria-hidden="true" />
          What is an RNN?
        </button>
      </h2>
      <div id={`${id}-body`} hidden={!open}>
        <p className="explain-intro">
          A recurrent network reads a series one step at a time. At each step it mixes the new value
          with its hidden state h, a running summary of the steps before, and after the last step it
          turns that summary into a prediction of the next value.
        </p>
        <UnrolledFigure picture={picture} />
        <ul className="explain-points">
          <li>
            <strong>Same weights at every step:</strong> the boxes of a row are one layer, drawn
            once per step.
          </li>
          <li>
            <strong>h carries a summary of what came before,</strong> passed along the row.
          </li>
          <li>
            <strong>Only the last state makes the prediction:</strong> the other states just pass
            their memory on.
          </li>
        </ul>
      </div>
    </section>
  );
}
