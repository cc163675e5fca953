/**
 * The page's one trainer client, created on first use, and the listeners that want its messages
 * (the run's reducer in trainActions.ts, the inside view in inspectActions.ts). Kept apart so both
 * can reach the worker without importing each other.
 */
import { isWorkerLevel, type FromWorker } from '../workers/trainer/protocol';
import { createTrainerClient, type TrainerClient } from '../workers/trainer/client';
import { useStore } from './store';

type Listener = (msg: FromWorker) => void;

let client: TrainerClient | null = null;
const listeners: Listener[] = [];

/**
 * Registers a listener for every message the client delivers (now or once it exists) about the
 * dataset on screen: an answer about another dataset is dropped here, whatever its run.
 */
export function onTrainerMessage(listener: Listener): void {
  const onScreen: Listener = (msg) => {
    if (isWorkerLevel(msg) || msg.datasetId === useStore.getState().datasetId) listener(msg);
  };
  listeners.push(onScreen);
  client?.subscribe(onScreen);
}

/** The client, created (without a worker yet: that starts on the first command) on first use. */
export function getClient(): TrainerClient {
  if (!client) {
    client = createTrainerClient();
    for (const l of listeners) client.subscribe(l);
  }
  return client;
}

/** The client if one was created, else null (commands that need a run do nothing without one). */
export function existingClient(): TrainerClient | null {
  return client;
}
