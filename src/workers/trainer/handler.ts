/**
 * The training worker's logic, independent of `self` so it runs in Node tests: one handler per ToWorker
 * message, posting FromWorker messages through the `post` callback. Every outgoing message carries the
 * runId of the run it belongs to. Commands that change the model are queued (one at a time); pause,
 * resume and stop act at once so they reach a running loop between batches.
 */
import * as tf from '@tensorflow/tfjs-core';
import * as backend from '../../model/engine/backend';
import type { BackendName, TrainConfig } from '../../model/core/config';
import type { TrainingEngine } from '../../model/engine/contract';
import { exportLayersModel } from '../../model/engine/exportModel';
import { initialWeightArrays } from '../../model/engine/init';
import { createEngine } from '../../model/engine';
import { summarizeModel } from '../../model/core/summary';
import {
  createTrainControl,
  trainModel,
  type TrainControl,
  type WeightSnapshot,
} from '../../model/engine/train';
import type { PreparedData } from '../../model/core/types';
import {
  assertNever,
  type BackendInfo,
  type FromWorker,
  type RunState,
  type ToWorker,
} from './protocol';

export type Post = (msg: FromWorker, transfer?: Transferable[]) => void;

/** What the handler needs from the backend module; tests inject fakes (e.g. a context loss on cpu). */
export type BackendDeps = Pick<
  typeof backend,
  'initBackend' | 'watchContextLoss' | 'discardWebgl' | 'debugLoseContext'
>;

const NO_METRICS = { rmse: NaN, mae: NaN, mape: NaN, r2: NaN };
const LABEL: Record<BackendName, string> = { webgl: 'WebGL', wasm: 'WebAssembly', cpu: 'CPU' };

/** A failure whose message is already written for people. */
class UserError extends Error {}

export class TrainerHandler {
  private runId = 0;
  private preferred: BackendName | null = null;
  private backend: BackendInfo | null = null;
  private data: PreparedData | null = null;
  private config: TrainConfig | null = null;
  private engine: TrainingEngine | null = null;
  private state: RunState = 'idle';
  private control: TrainControl | null = null;
  private running: Promise<void> | null = null;
  /** CPU copy of the last good weights (after the last completed epoch) to recover from. */
  private snapshot: { epochs: number; weights: WeightSnapshot[] } | null = null;
  private queue: Promise<void> = Promise.resolve();
  /** Messages received so far, and the receipt numbers of the latest stop / pending pause. */
  private received = 0;
  private stopBefore = 0;
  private pauseBefore = 0;

  constructor(
    private readonly post: Post,
    private readonly deps: BackendDeps = backend,
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
      case 'debugLoseContext':
        if (!this.deps.debugLoseContext()) {
          this.post({
            type: 'error',
            runId: this.runId,
            message: 'Not on WebGL: no context to lose.',
          });
        }
        return Promise.resolve();
      case 'debugCrash':
        // The worker entry throws for this one (test-only); in Node there is nothing to crash.
        return Promise.resolve();
      case 'init':
        return this.enqueue(msg.runId, () => this.init(msg.runId, msg.backend));
      case 'load':
        return this.enqueue(msg.runId, () => this.load(msg.runId, msg.data, msg.config));
      case 'start':
        return this.enqueue(msg.runId, () => this.start(seq));
      case 'reset':
        return this.enqueue(msg.runId, () => this.reset());
      case 'exportModel':
        return this.enqueue(msg.runId, () => this.exportModel());
      default:
        return assertNever(msg);
    }
  }

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

  private async init(runId: number, preferred: BackendName): Promise<void> {
    await this.stopAndWait();
    this.disposeEngine();
    const { info, fellBackFrom } = await this.deps.initBackend(preferred);
    this.preferred = preferred;
    this.backend = info;
    // ready first: the page then shows backendChanged's reason, the more specific news.
    this.post({ type: 'ready', runId, backend: info });
    if (fellBackFrom) {
      this.post({
        type: 'backendChanged',
        runId,
        from: fellBackFrom.backend,
        to: info.name,
        reason: `${fellBackFrom.reason}; using ${LABEL[info.name]} instead.`,
      });
    }
  }

  private async load(runId: number, data: PreparedData, config: TrainConfig): Promise<void> {
    await this.stopAndWait();
    this.disposeEngine();
    if (!this.backend || this.preferred !== config.backend) await this.init(runId, config.backend);
    this.runId = runId;
    if (data.nTrain < 1 || data.nTest < 1) {
      throw new UserError('The data has no training or no test windows: load a longer series.');
    }
    this.data = data;
    this.config = config;
    this.setState('compiling');
    this.buildEngine(null);
    this.post({
      type: 'loaded',
      runId,
      engine: this.engine!.name,
      params: summarizeModel({ ...config, timesteps: data.timesteps }).total,
    });
    this.setState('idle');
  }

  /** (Re)builds the engine from `weights`, or from fresh seeded initial weights when null. */
  private buildEngine(snapshot: { epochs: number; weights: WeightSnapshot[] } | null): void {
    const config = this.config!;
    this.disposeEngine();
    const snap = snapshot ?? {
      epochs: 0,
      weights: initialWeightArrays(config, 1, config.seed).map(({ shape, values }) => ({
        shape,
        values,
      })),
    };
    const weights = snap.weights.map((w) => tf.tensor(w.values, w.shape));
    try {
      this.engine = createEngine(config, this.data!.timesteps, config.seed, weights);
      this.snapshot = snap;
    } finally {
      weights.forEach((w) => w.dispose());
    }
  }

  private async start(seq: number): Promise<void> {
    if (!this.data || !this.config) throw new UserError('Load a dataset before pressing Train.');
    if (this.running) return;
    if (seq < this.stopBefore) {
      this.setState('stopped');
      return;
    }
    if (!this.engine || this.state === 'done' || this.state === 'stopped') this.buildEngine(null);
    const control = createTrainControl();
    this.control = control;
    this.setState('training');
    if (seq < this.pauseBefore) {
      control.pause();
      this.setState('paused');
    }
    const runId = this.runId;
    this.running = this.run(runId, control)
      .catch((e: unknown) => {
        this.fail(runId, e);
        this.setState('stopped');
      })
      .finally(() => {
        this.running = null;
        this.control = null;
      });
  }

  private async run(runId: number, control: TrainControl): Promise<void> {
    const data = this.data!;
    const config = this.config!;
    let startEpoch = 0;
    for (;;) {
      const watch = this.deps.watchContextLoss();
      const onWebgl = this.backend?.name === 'webgl';
      const result = await trainModel(
        this.engine!,
        data,
        config,
        control,
        {
          onProgress: (p) => this.post({ type: 'progress', runId, ...p }),
          onEpochEnd: (r) => this.post({ type: 'epochEnd', runId, ...r }),
          onPredictions: (epoch, values) => {
            const copy = values.slice();
            this.post({ type: 'predictions', runId, epoch, values: copy }, [copy.buffer]);
          },
          // Only a GPU context can vanish; elsewhere the per-epoch read-back is not needed.
          onSnapshot: onWebgl
            ? (epochs, weights) => (this.snapshot = { epochs, weights })
            : undefined,
          checkHealth: watch.check,
          lost: watch.lost,
        },
        { startEpoch },
      ).finally(() => watch.stop());
      if (result.status === 'interrupted') {
        startEpoch = await this.recover(runId, result.reason ?? 'The backend failed');
        continue;
      }
      const stopped = result.status === 'stopped';
      this.post({
        type: 'done',
        runId,
        stopped,
        model: result.model ?? NO_METRICS,
        persistence: result.persistence,
      });
      this.setState(stopped ? 'stopped' : 'done');
      this.post({ type: 'memory', runId, numTensors: tf.memory().numTensors });
      return;
    }
  }

  /** After a lost backend: next backend, engine rebuilt from the last good weights. Returns epochs done. */
  private async recover(runId: number, reason: string): Promise<number> {
    const from = this.backend?.name ?? 'webgl';
    this.disposeEngine();
    const { info } = await this.deps.initBackend(from === 'webgl' ? 'wasm' : 'cpu', [from]);
    if (from === 'webgl') this.deps.discardWebgl();
    this.backend = info;
    this.preferred = info.name;
    const snap = this.snapshot;
    this.buildEngine(snap);
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
    this.disposeEngine();
    this.data = null;
    this.config = null;
    this.snapshot = null;
    this.setState('idle');
    this.post({ type: 'memory', runId: this.runId, numTensors: tf.memory().numTensors });
  }

  private async exportModel(): Promise<void> {
    if (!this.engine || !this.config || !this.data) {
      throw new UserError('There is no model to export yet: load data and train first.');
    }
    const weights = this.engine.getWeights();
    try {
      const out = await exportLayersModel(this.config, this.data.timesteps, weights);
      this.post({ type: 'model', runId: this.runId, ...out }, [out.weights]);
    } finally {
      weights.forEach((w) => w.dispose());
    }
  }

  private async stopAndWait(): Promise<void> {
    if (!this.running) return;
    this.control?.stop();
    await this.running;
  }

  private disposeEngine(): void {
    try {
      this.engine?.dispose();
    } catch {
      // A lost WebGL context can fail to free textures; the backend is discarded anyway.
    }
    this.engine = null;
  }
}
