/**
 * A run's replications on worker threads: `jobs` threads each run one replication at a time. A
 * replication is a pure function of (scenario, seed, index), so where it runs does not matter; the
 * results are put together in replication order by the same code as a run on one thread
 * (`assembleRun`), to the same bytes, and the call records are delivered in the order one thread
 * gives them: replication by replication, each in the order its calls finished.
 *
 * The calling thread stays free meanwhile: it can write files, draw progress, or abort the run
 * through an AbortSignal, which stops the threads at once.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Scenario } from '../scenario/index.js';
import type { Tenant } from '../tenant/index.js';
import type { CallRecord, Engine } from '../calls/index.js';
import type { ReplicationResult } from './replication.js';
import { assembleRun, type RunResult } from './run-scenario.js';

export interface WorkerSetup {
  /**
   * The scenario and tenant as the main thread loaded them, cloned into the worker: a worker does
   * not read and build the file again (a large tenant takes seconds and its memory once more).
   */
  loaded: { scenario: Scenario; tenant: Tenant };
  seed: number;
  horizonMs: number;
  engine: Engine;
  /**
   * How the worker sends each replication's call records: not at all, as records (cloned), or as
   * text made in the worker by the `recordSerializer` of the module at this URL.
   */
  records: 'none' | 'objects' | { serializer: string };
  /** Send how far each replication has got, once per simulated day. */
  progress: boolean;
}

export interface WorkerJob {
  replication: number;
}

/** A piece of a replication's records: text from a serializer, or the records themselves. */
export type RecordChunk = { text: string } | { records: CallRecord[] };

export type WorkerReply =
  | { kind: 'records'; replication: number; chunk: RecordChunk }
  | { kind: 'progress'; replication: number; fraction: number }
  | { kind: 'done'; result: ReplicationResult }
  | { kind: 'failed'; replication: number; message: string; stack?: string };

/**
 * What a module named by `ParallelRunOptions.recordText` exports: given the loaded scenario, a
 * function from one record to its text. It runs in each worker, so the records need not be
 * cloned back to the calling thread one by one (the CLI's `--calls` CSV, cli/calls-csv.ts).
 */
export type RecordSerializerFactory = (scenario: Scenario, tenant: Tenant) => (record: CallRecord) => string;

export interface ParallelRunOptions {
  seed: number;
  replications: number;
  horizonMs: number;
  /** Worker threads (at most one per replication is started). */
  jobs: number;
  engine: Engine;
  /** *done* replications out of *total*, fractional while replications are under way. */
  onProgress?: (done: number, total: number) => void;
  /** Receives every call record (after the warm-up), in one thread's order. */
  onCall?: (record: CallRecord) => void;
  /**
   * Instead of `onCall`: each worker imports `module` (a file: URL) and turns records into text
   * with its export `recordSerializer` (a RecordSerializerFactory); `onText` receives the text in
   * one thread's order, in pieces of about 64 kB.
   */
  recordText?: { module: URL; onText: (text: string) => void };
  /** Stops the run: the threads are stopped at once and the promise rejects with the signal's reason. */
  signal?: AbortSignal;
}

const WORKER = new URL('./replication-worker.js', import.meta.url);

/**
 * Whether replications can run on worker threads: the worker is compiled JavaScript, which a test
 * runner's on-the-fly TypeScript does not provide, so there a run stays on the calling thread.
 */
export function workersAvailable(): boolean {
  return existsSync(fileURLToPath(WORKER));
}

export async function runInParallel(loaded: { scenario: Scenario; tenant: Tenant }, options: ParallelRunOptions): Promise<RunResult> {
  const { signal } = options;
  signal?.throwIfAborted();
  const scenario = loaded.scenario;
  const total = options.replications;
  const jobs = Math.max(1, Math.min(options.jobs, total));
  const { onCall, recordText } = options;
  const deliver =
    recordText !== undefined
      ? (chunk: RecordChunk): void => {
          if ('text' in chunk) recordText.onText(chunk.text);
        }
      : onCall !== undefined
        ? (chunk: RecordChunk): void => {
            if ('records' in chunk) for (const record of chunk.records) onCall(record);
          }
        : undefined;
  const setup: WorkerSetup = {
    loaded: { scenario: loaded.scenario, tenant: loaded.tenant },
    seed: options.seed,
    horizonMs: options.horizonMs,
    engine: options.engine,
    records: recordText !== undefined ? { serializer: recordText.module.href } : onCall !== undefined ? 'objects' : 'none',
    progress: options.onProgress !== undefined,
  };
  const workers = Array.from({ length: jobs }, () => new Worker(WORKER, { workerData: setup }));
  const results: ReplicationResult[] = [];
  // Replications under way and how far each has got, for the progress callback.
  const underWay = new Map<number, number>();
  // The records of replication `writing` go straight out; those of later replications wait here
  // until every earlier one has finished. A thread is given a replication at most `ahead` past
  // `writing`, so at most that many replications' records wait at any time.
  const waiting = new Map<number, RecordChunk[]>();
  const finished = new Set<number>();
  const ahead = deliver === undefined ? Infinity : 2 * jobs;
  let writing = 0;
  let next = 0;
  const idle: Worker[] = [];
  let onAbort: (() => void) | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      if (signal !== undefined) {
        onAbort = () => reject(signal.reason);
        signal.addEventListener('abort', onAbort, { once: true });
      }
      const give = (worker: Worker): void => {
        if (next < total && next < writing + ahead) {
          underWay.set(next, 0);
          worker.postMessage({ replication: next++ } satisfies WorkerJob);
        } else idle.push(worker);
      };
      const progress = (): void => {
        let partly = 0;
        for (const fraction of underWay.values()) partly += fraction;
        options.onProgress?.(results.length + partly, total);
      };
      const records = (replication: number, chunk: RecordChunk): void => {
        if (deliver === undefined) return;
        if (replication === writing) deliver(chunk);
        else waiting.set(replication, [...(waiting.get(replication) ?? []), chunk]);
      };
      const done = (replication: number): void => {
        finished.add(replication);
        while (finished.has(writing)) {
          finished.delete(writing);
          writing++;
          for (const chunk of waiting.get(writing) ?? []) deliver?.(chunk);
          waiting.delete(writing);
        }
        while (idle.length > 0 && next < total && next < writing + ahead) give(idle.shift() as Worker);
      };
      for (const worker of workers) {
        worker.on('message', (reply: WorkerReply) => {
          try {
            switch (reply.kind) {
              case 'records':
                records(reply.replication, reply.chunk);
                return;
              case 'progress':
                underWay.set(reply.replication, reply.fraction);
                progress();
                return;
              case 'failed': {
                const error = new Error(`replication ${reply.replication}: ${reply.message}`);
                // The worker's stack, whose frames say where it failed.
                if (reply.stack !== undefined) error.stack = [`Error: ${error.message}`, ...reply.stack.split('\n').filter((line) => /^\s+at /.test(line))].join('\n');
                reject(error);
                return;
              }
              case 'done':
                underWay.delete(reply.result.replication);
                results.push(reply.result);
                done(reply.result.replication);
                progress();
                if (results.length === total) resolve();
                else give(worker);
            }
          } catch (error) {
            // A callback failed (writing the records to a full disk): the run stops with that error.
            reject(error);
          }
        });
        worker.on('error', reject);
        worker.on('exit', (code) => {
          if (results.length < total) reject(new Error(`a worker thread stopped (exit code ${code}) before the run finished`));
        });
        give(worker);
      }
    });
  } finally {
    if (onAbort !== undefined) signal?.removeEventListener('abort', onAbort);
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return assembleRun(scenario, options.seed, options.horizonMs, results);
}
