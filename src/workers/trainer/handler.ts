/**
 * The training worker's logic, independent of `self` so it runs in Node tests: one handler per ToWorker
 * message, posting WorkerReport messages through the `post` callback. Every outgoing message carries the
 * runId of the run it belongs to. Commands that change the model are queued (one at a time); pause,
 * resume and stop act at once so they reach a running loop between batches.
 */
import type { BackendSetting } from '../../model/core/config';
import { DataError } from '../../model/core/errors';
import { persistenceMetrics } from '../../model/core/metrics';
import { computeBaselines } from './baselines';
import type { PreparedData } from '../../model/core/types';
import { discardWebgl, initBackend, watchContextLoss } from '../../model/engine/backend';
import { createTrainControl, trainModel, type TrainControl } from '../../model/engine/train';
import { announceBackend, LABEL, leaveWebgpuIfNeeded } from './backendSwitch';
import { answerForecast } from './forecast';
import { memoryReport } from './memory';
import { inspectionBuffers, prepareRun, RunModel } from './model';
import {
  assertNever,
  type BackendInfo,
  type WorkerReport,
  type RunState,
  type ToWorker,
} from './protocol';

export type Post = (msg: WorkerReport, transfer?: Transferable[]) => void;

/** What the handler needs from the backend module; tests inject fakes (e.g. a context loss on cpu). */
export interface BackendDeps {
  initBackend: typeof initBackend;
  watchContextLoss: typeof watchContextLoss;
  discardWebgl: typeof discardWebgl;
}

type LoadMessage = Extract<ToWorker, { type: 'load' }>;
type InspectMessage = Extract<ToWorker, { type: 'inspect' }>;

/** A failure whose message is already written for people. */
class UserError extends Error {}

export class TrainerHandler {
  private runId = 0;
  private preferred: BackendSetting | null = null;
  private backend: BackendInfo | null = null;
  private model: RunModel | null = null;
  private state: RunState = 'idle';
  private control: TrainControl | null = null;
  private running: Promise<void> | null = null;
  private queue: Promise<void> = Promise.resolve();
  /** Messages received so far, and the receipt numbers of the latest stop / pending pause. */
  private received = 0;
  private stopBefore = 0;
  private pauseBefore = 0;

  constructor(
    private readonly post: Post,
    private readonly deps: BackendDeps = { initBackend, watchContextLoss, discardWebgl },
  ) {}

  /** Handles one message; the promise settles when it is done (a training run keeps going after). */
  handle(msg: ToWorker): Promise<void> {
    // Receipt order: a stop or pause also covers a start that was sent before it but still waits
    // in the queue (e.g. Stop pressed while the backend or model is still being prepared).
    const seq = ++this.received;
    switch (msg.type) {
      case 'pause':
        if (this.control && !this.control.stopped) {
          this.control.pause();
          this.setState('paused');
        } else this.pauseBefore = seq;
        return Promise.resolve();
      case 'step':
        if (this.control?.paused) this.control.step();
        return Promise.resolve();
      case 'resume':
        this.pauseBefore = 0;
        if (this.control && this.control.paused) {
          this.control.resume();
          this.setState('training');
        }
        return Promise.resolve();
      case 'stop':
        this.stopBefore = seq;
        this.pauseBefore = 0;
        this.control?.stop();
        return Promise.resolve();
      case 'init':
        return this.enqueue(msg.runId, () => this.init(msg.runId, msg.backend));
      case 'load':
        return this.enqueue(msg.runId, () => this.load(msg.runId, msg));
      case 'start':
        return this.enqueue(msg.runId, () => this.start(seq, msg.step ?? false));
      case 'reset':
        return this.enqueue(msg.runId, () => this.reset());
      case 'exportModel':
        return this.enqueue(msg.runId, () => this.exportModel(msg.rows));
      case 'inspect':
        // Queued behind a load (so it sees the new model), but its failure stops nothing.
        return (this.queue = this.queue.then(() => this.inspect(msg)));
      case 'forecast': // after a queued load, like inspect; refused while training runs
        return (this.queue = this.queue.then(() => answerForecast(this.post, msg, this.current())));
      default:
        return assertNever(msg);
    }
  }

  /** What a forecast request checks: the run it is for, its model, and no training running. */
  private current = () => ({ runId: this.runId, model: this.model, busy: !!this.running });
  /** Settles when the current training run (if any) has ended. */
  whenIdle(): Promise<void> {
    return this.queue.then(() => this.running ?? undefined);
  }

  private enqueue(runId: number, task: () => Promise<void>): Promise<void> {
    const next = this.queue.then(task).catch((e: unknown) => this.fail(runId, e));
    this.queue = next;
    return next;
  }

  private fail(runId: number, e: unknown): void {
    const detail = e instanceof Error ? e.message : String(e);
    const message = e instanceof UserError ? detail : `Training failed: ${detail}`;
    this.post({ type: 'error', runId, message });
  }

  private setState(state: RunState): void {
    this.state = state;
    this.post({ type: 'state', runId: this.runId, state });
  }

  private async init(runId: number, preferred: BackendSetting): Promise<void> {
    await this.stopAndWait();
    this.model?.dispose();
    const { info, fellBackFrom } = await this.deps.initBackend(preferred);
    this.preferred = preferred;
    this.backend = info;
    announceBackend(this.post, runId, info, fellBackFrom);
  }

  private async load(runId: number, load: LoadMessage): Promise<void> {
    const { config, times } = load;
    await this.stopAndWait();
    this.model?.dispose();
    this.model = null;
    if (!this.backend || this.preferred !== config.backend) await this.init(runId, config.backend);
    this.runId = runId;
    let data: PreparedData;
    try {
      data = prepareRun(load);
    } catch (e) {
      throw e instanceof DataError ? new UserError(e.message) : e;
    }
    // Moved off WebGPU for this run only: the next load starts from the setting again.
    const to = await leaveWebgpuIfNeeded(this.backend, config, data, this.deps, this.post, runId);
    if (to) [this.backend, this.preferred] = [to, null];
    const model = new RunModel(config, data);
    this.model = model;
    this.setState('compiling');
    const engine = model.build();
    const { extrapolation, ...baselines } = computeBaselines(data, times ?? null);
    const persistence = persistenceMetrics(data);
    const loaded = { engine: engine.name, params: model.params, persistence, extrapolation };
    this.post({ type: 'loaded', runId, ...loaded, baselines });
    this.setState('idle');
  }

  private async start(seq: number, step: boolean): Promise<void> {
    const model = this.model;
    if (!model) throw new UserError('Load a dataset before pressing Train.');
    if (this.running) return;
    if (seq < this.stopBefore) {
      this.setState('stopped');
      return;
    }
    if (!model.engine || this.state === 'done' || this.state === 'stopped') model.build();
    const control = createTrainControl();
    this.control = control;
    this.setState('training');
    if (seq < this.pauseBefore || step) {
      control.pause();
      this.setState('paused');
    }
    // Step from idle: the run starts paused and takes its first batch.
    if (step) control.step();
    const runId = this.runId;
    this.running = this.run(runId, model, control)
      .catch((e: unknown) => {
        this.fail(runId, e);
        this.setState('stopped');
      })
      .finally(() => {
        this.running = null;
        this.control = null;
      });
  }

  private async run(runId: number, model: RunModel, control: TrainControl): Promise<void> {
    let startEpoch = 0;
    for (;;) {
      const watch = this.deps.watchContextLoss();
      const onGpu = this.backend?.name === 'webgl' || this.backend?.name === 'webgpu';
      const result = await trainModel(
        model.engine!,
        model.data,
        model.config,
        control,
        {
          onProgress: (p) =>
            this.post({ type: 'progress', runId, ...p, commands: model.engine?.commands?.() }),
          onEpochEnd: (r) => {
            model.epochs = r.epoch;
            this.post({ type: 'epochEnd', runId, ...r });
          },
          onBatch: (targets) => model.noteBatch(targets),
          onPredictions: (epoch, values, metrics) => {
            const copy = values.slice();
            this.post({ type: 'predictions', runId, epoch, values: copy, metrics }, [copy.buffer]);
          },
          // Only a GPU context can vanish; elsewhere the per-epoch read-back is not needed.
          onSnapshot: onGpu
            ? (epochs, weights) => (model.snapshot = { epochs, weights })
            : undefined,
          checkHealth: watch.check,
          lost: watch.lost,
        },
        { startEpoch },
      ).finally(() => watch.stop());
      if (result.status === 'interrupted') {
        startEpoch = await this.recover(runId, model, result.reason ?? 'The backend failed');
        continue;
      }
      const stopped = result.status === 'stopped';
      const { reason, restoredEpoch } = result;
      this.post({ type: 'done', runId, stopped, reason, restoredEpoch });
      this.setState(stopped ? 'stopped' : 'done');
      this.post(memoryReport(runId));
      return;
    }
  }

  /** After a lost backend: next backend, engine rebuilt from the last good weights. Returns epochs done. */
  private async recover(runId: number, model: RunModel, reason: string): Promise<number> {
    const from = this.backend?.name ?? 'webgl';
    model.dispose();
    const { info } = await this.deps.initBackend(from === 'cpu' ? 'cpu' : 'wasm', [from]);
    if (from === 'webgl') this.deps.discardWebgl();
    this.backend = info;
    this.preferred = info.name;
    const snap = model.snapshot;
    model.build(snap);
    const epochs = snap?.epochs ?? 0;
    this.post({ type: 'ready', runId, backend: info });
    this.post({
      type: 'backendChanged',
      runId,
      from,
      to: info.name,
      reason: `${reason}. Training continues on ${LABEL[info.name]} from the weights after epoch ${epochs}.`,
    });
    return epochs;
  }

  private async reset(): Promise<void> {
    await this.stopAndWait();
    this.model?.dispose();
    this.model = null;
    this.setState('idle');
    this.post(memoryReport(this.runId));
  }

  private async exportModel(rows: Extract<ToWorker, { type: 'exportModel' }>['rows']) {
    const out = await this.model?.export(rows);
    if (!out) throw new UserError('There is no model to export yet: load data and train first.');
    this.post({ type: 'model', runId: this.runId, ...out }, [out.weights]);
  }

  private async inspect({ runId, requestId, index, layer }: InspectMessage): Promise<void> {
    try {
      if (runId !== this.runId || !this.model) throw new Error('Load a dataset first.');
      const report = await this.model.inspect(index, layer);
      this.post({ type: 'inspection', runId, requestId, ...report }, inspectionBuffers(report));
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      this.post({ type: 'inspectFailed', runId, requestId, message });
    }
  }

  private async stopAndWait(): Promise<void> {
    if (!this.running) return;
    this.control?.stop();
    await this.running;
  }
}
