/**
 * `callsim run` on worker threads: `--jobs N` spreads replications over N threads, and a run that
 * writes output files runs on one, so that the main thread stays free to write them and to remove
 * them on Ctrl-C. A replication is a pure function of (scenario, seed, index), so where it runs
 * does not matter; the results are put together in replication order by the same code as a run
 * on one thread, to the same bytes, and the `--calls` records are written in the order one
 * thread writes them: replication by replication, each in the order its calls finished.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { assembleRun, type Engine, type ReplicationResult, type RunResult } from '../engine/run/index.js';
import type { Scenario } from '../engine/scenario/index.js';
import type { Tenant } from '../engine/tenant/index.js';

export interface WorkerSetup {
  /**
   * The scenario and tenant as the main thread loaded them, cloned into the worker: a worker does
   * not read and build the file again (a large tenant takes seconds and its memory once more).
   */
  loaded: { scenario: Scenario; tenant: Tenant };
  seed: number;
  horizonMs: number;
  engine: Engine;
  /** Send the `--calls` records (CSV text) of each replication. */
  calls: boolean;
  /** Send how far each replication has got, once per simulated day. */
  progress: boolean;
}

export interface WorkerJob {
  replication: number;
}

export type WorkerReply =
  | { kind: 'calls'; replication: number; text: string }
  | { kind: 'progress'; replication: number; fraction: number }
  | { kind: 'done'; result: ReplicationResult }
  | { kind: 'failed'; replication: number; message: string; stack?: string };

export interface ParallelRunOptions {
  seed: number;
  replications: number;
  horizonMs: number;
  jobs: number;
  engine: Engine;
  /** *done* replications out of *total*, fractional while replications are under way. */
  onProgress?: (done: number, total: number) => void;
  /** Receives the `--calls` CSV records (without the header), in one thread's order. */
  onCalls?: (text: string) => void;
}

const WORKER = new URL('./replication-worker.js', import.meta.url);

/**
 * Whether replications can run on worker threads: the worker is compiled JavaScript, which a test
 * runner's on-the-fly TypeScript does not provide, so there the run stays on the main thread.
 */
export function workersAvailable(): boolean {
  return existsSync(fileURLToPath(WORKER));
}

export async function runInParallel(loaded: { scenario: Scenario; tenant: Tenant }, options: ParallelRunOptions): Promise<RunResult> {
  const scenario = loaded.scenario;
  const total = options.replications;
  const jobs = Math.max(1, Math.min(options.jobs, total));
  const onCalls = options.onCalls;
  const setup: WorkerSetup = {
    loaded: { scenario: loaded.scenario, tenant: loaded.tenant },
    seed: options.seed,
    horizonMs: options.horizonMs,
    engine: options.engine,
    calls: onCalls !== undefined,
    progress: options.onProgress !== undefined,
  };
  const workers = Array.from({ length: jobs }, () => new Worker(WORKER, { workerData: setup }));
  const results: ReplicationResult[] = [];
  // Replications under way and how far each has got, for the progress bar.
  const underWay = new Map<number, number>();
  // --calls: the records of replication `writing` go straight out; those of later replications
  // wait here until every earlier one has finished. A thread is given a replication at most
  // `ahead` past `writing`, so at most that many replications' records wait at any time.
  const waiting = new Map<number, string[]>();
  const finished = new Set<number>();
  const ahead = onCalls === undefined ? Infinity : 2 * jobs;
  let writing = 0;
  let next = 0;
  const idle: Worker[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
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
      const calls = (replication: number, text: string): void => {
        if (onCalls === undefined) return;
        if (replication === writing) onCalls(text);
        else waiting.set(replication, [...(waiting.get(replication) ?? []), text]);
      };
      const done = (replication: number): void => {
        finished.add(replication);
        while (finished.has(writing)) {
          finished.delete(writing);
          writing++;
          for (const text of waiting.get(writing) ?? []) onCalls?.(text);
          waiting.delete(writing);
        }
        while (idle.length > 0 && next < total && next < writing + ahead) give(idle.shift() as Worker);
      };
      for (const worker of workers) {
        worker.on('message', (reply: WorkerReply) => {
          try {
            switch (reply.kind) {
              case 'calls':
                calls(reply.replication, reply.text);
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
            // Writing the records failed (a full disk): the run stops with that error.
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
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return assembleRun(scenario, options.seed, options.horizonMs, results);
}
