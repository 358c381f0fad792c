/**
 * `callsim run --jobs N`: replications spread over N worker threads. A replication is a pure
 * function of (scenario, seed, index), so where it runs does not matter; the results are put
 * together in replication order by the same code as a run on one thread, to the same bytes.
 */
import { Worker } from 'node:worker_threads';
import { assembleRun, type ReplicationResult, type RunResult } from '../engine/run/index.js';
import type { Scenario } from '../engine/scenario/index.js';

export interface WorkerSetup {
  file: string;
  seed: number;
  horizonMs: number;
}

export interface WorkerJob {
  replication: number;
}

export type WorkerReply = { kind: 'done'; result: ReplicationResult } | { kind: 'failed'; replication: number; message: string };

export interface ParallelRunOptions {
  seed: number;
  replications: number;
  horizonMs: number;
  jobs: number;
  onProgress?: (done: number, total: number) => void;
}

export async function runInParallel(file: string, scenario: Scenario, options: ParallelRunOptions): Promise<RunResult> {
  const setup: WorkerSetup = { file, seed: options.seed, horizonMs: options.horizonMs };
  const jobs = Math.min(options.jobs, options.replications);
  const workers = Array.from({ length: jobs }, () => new Worker(new URL('./replication-worker.js', import.meta.url), { workerData: setup }));
  const results: ReplicationResult[] = [];
  let next = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      const give = (worker: Worker): void => {
        if (next < options.replications) worker.postMessage({ replication: next++ } satisfies WorkerJob);
      };
      for (const worker of workers) {
        worker.on('message', (reply: WorkerReply) => {
          if (reply.kind === 'failed') {
            reject(new Error(`replication ${reply.replication}: ${reply.message}`));
            return;
          }
          results.push(reply.result);
          options.onProgress?.(results.length, options.replications);
          if (results.length === options.replications) resolve();
          else give(worker);
        });
        worker.on('error', reject);
        give(worker);
      }
    });
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return assembleRun(scenario, options.seed, options.horizonMs, results);
}
