/**
 * A worker thread of `callsim run` (cli/parallel-run.ts): it is given the scenario and tenant the main
 * thread loaded (cloned, not read from the file again), and runs the replications it
 * is sent, one at a time, answering each with its figures and timeline, and on the way with its
 * `--calls` records and its progress when the run asks for them.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { readableName, runReplication, type CallRecord } from '../engine/run/index.js';
import { csvLine } from './calls-csv.js';
import type { WorkerJob, WorkerReply, WorkerSetup } from './parallel-run.js';

const setup = workerData as WorkerSetup;
const port = parentPort;
if (port === null) throw new Error('replication-worker runs only as a worker thread.');

/** Records are sent in pieces of about this many characters, not one message per call. */
const CHUNK = 64 * 1024;

const { scenario, tenant } = setup.loaded;
// The tenant as loaded names the people of the records (users a timeline adds keep their ObjectIds).
const name = readableName(tenant);
port.on('message', (job: WorkerJob) => {
  const send = (reply: WorkerReply): void => port.postMessage(reply);
  const replication = job.replication;
  const startEpochMs = scenario.startEpochMs;
  let pending = '';
  const flush = (): void => {
    if (pending === '') return;
    send({ kind: 'calls', replication, text: pending });
    pending = '';
  };
  try {
    const result = runReplication(scenario, tenant, setup.seed, replication, {
      horizonMs: setup.horizonMs,
      engine: setup.engine,
      ...(setup.calls
        ? {
            onCall: (record: CallRecord) => {
              pending += csvLine(record, startEpochMs, name);
              if (pending.length >= CHUNK) flush();
            },
          }
        : {}),
      ...(setup.progress ? { onProgress: (reached: number, horizon: number) => send({ kind: 'progress', replication, fraction: reached / horizon }) } : {}),
    });
    flush();
    send({ kind: 'done', result });
  } catch (error) {
    send({
      kind: 'failed',
      replication,
      message: error instanceof Error ? error.message : String(error),
      ...(error instanceof Error && error.stack !== undefined ? { stack: error.stack } : {}),
    });
  }
});
