/** Changing the configuration, presets, and keeping the URL in step with it. */
import { CONFIG_FIELDS, type TrainConfig } from '../model/core/config';
import { PRESETS } from '../model/core/presets';
import { setInside } from './inspectActions';
import { initialRun, isBusy } from './runState';
import { addNotice, dismissNotice, useStore } from './store';
import { SAMPLES } from './samples';
import { capFileName, writeUrlState } from './urlState';

/** Settings that change which values the result charts and metrics are about. */
const DATA_SHAPING = new Set<keyof TrainConfig>(['targetColumn', 'trainSplit']);
/** Settings that choose the data a run reads: refused while a run is being prepared or runs. */
const DATA_CHOICE = new Set<keyof TrainConfig>([...DATA_SHAPING, 'inputColumns']);

/** Whether the store refuses to change `key` now (a data choice while a run holds the worker). */
export function lockedNow(key: keyof TrainConfig): boolean {
  return DATA_CHOICE.has(key) && isBusy(useStore.getState().status);
}

/**
 * Sets one field to a value already checked against its range; clears that field's inline message.
 * A new target column or split clears a finished run's results and the kept previous run, so the
 * charts and metrics never describe another column or test range than the one the controls show.
 * While a run is prepared or runs, a data choice (target, split, input columns) is refused here,
 * not only by its disabled control: the charts on screen are that run's.
 */
export function setConfigValue<K extends keyof TrainConfig>(key: K, value: TrainConfig[K]): void {
  if (lockedNow(key)) {
    addNotice(`Stop the run before changing the ${CONFIG_FIELDS[key].label.toLowerCase()}.`);
    return;
  }
  useStore.setState((s) => {
    const { [key]: _gone, ...fieldErrors } = s.fieldErrors;
    const shaping = DATA_SHAPING.has(key) && s.config[key] !== value;
    // Other test rows: the results on screen and the kept previous run no longer apply.
    const cleared = !shaping ? {} : s.test !== null ? initialRun : { previousRun: null };
    return { ...cleared, config: { ...s.config, [key]: value }, fieldErrors };
  });
}

/** Records (or clears, with null) the inline message of a control whose typed value was refused. */
export function setFieldError(key: keyof TrainConfig, message: string | null): void {
  useStore.setState((s) => {
    const { [key]: _gone, ...rest } = s.fieldErrors;
    return { fieldErrors: message ? { ...rest, [key]: message } : rest };
  });
}

/**
 * Applies a preset's model and training settings; keeps the data choice (target and input columns),
 * backend and engine, and while a run is busy its split too.
 */
export function applyPreset(id: (typeof PRESETS)[number]['id']): void {
  const preset = PRESETS.find((p) => p.id === id);
  if (!preset) return;
  useStore.setState((s) => ({
    config: {
      ...preset.config,
      ...(isBusy(s.status) ? { trainSplit: s.config.trainSplit } : {}),
      targetColumn: s.config.targetColumn,
      inputColumns: s.config.inputColumns,
      backend: s.config.backend,
      engine: s.config.engine,
    },
    fieldErrors: {},
  }));
}

export function setLogScale(on: boolean): void {
  useStore.setState({ logScale: on });
}

export function setShowBaseline(on: boolean): void {
  useStore.setState({ showBaseline: on });
}

/** The projector layout; it opens the inside view, the lesson's centre (URL: `classroom=1`). */
export function setClassroom(on: boolean): void {
  useStore.setState({ classroom: on });
  if (on) setInside({ insideOpen: true });
}

/** What the copied link holds: settings only; a sample is named, a user's file is named, never sent. */
export function copiedNotice(sampleLabel: string | null, file: string | null): string {
  if (sampleLabel)
    return `Link copied to the clipboard: it holds the settings and the name of the bundled sample ${sampleLabel}, so it opens the same data and settings.`;
  return `Link copied to the clipboard: it holds the settings only, not the data. ${file ? `It names ${capFileName(file)}; whoever opens it is asked to drop that file.` : ''}`.trim();
}

/** Copies the page URL (which always holds the whole configuration). */
export async function copyLink(): Promise<void> {
  const url = window.location.href;
  let ok: boolean;
  try {
    await navigator.clipboard.writeText(url);
    ok = true;
  } catch {
    // Clipboard API refused (permissions, insecure context): fall back to a selected textarea.
    const ta = document.createElement('textarea');
    ta.value = url;
    ta.setAttribute('readonly', '');
    ta.style.position = 'fixed';
    ta.style.opacity = '0';
    document.body.append(ta);
    ta.select();
    ok = document.execCommand('copy');
    ta.remove();
  }
  const { sample, dataset } = useStore.getState();
  const label = SAMPLES.find((x) => x.id === sample)?.label ?? null;
  const copied = copiedNotice(sample ? label : null, dataset?.name ?? null);
  const text = ok ? copied : `Copy this link by hand (settings only, not the data): ${url}`;
  addNotice(text);
  setTimeout(() => dismissNotice(text), 6000);
}

/** Keeps the address bar equal to the configuration (replaceState: no history spam). */
export function syncUrl(): () => void {
  let last = '';
  const write = () => {
    const { config, sample, classroom, dataset, source, seriesName } = useStore.getState();
    const search = writeUrlState(
      config,
      sample,
      classroom,
      sample ? null : (source?.name ?? dataset?.name ?? null),
      source?.series ? seriesName : null,
    );
    if (search === last) return;
    last = search;
    window.history.replaceState(
      null,
      '',
      `${window.location.pathname}${search}${window.location.hash}`,
    );
  };
  write();
  return useStore.subscribe(write);
}
