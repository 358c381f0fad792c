/**
 * A worker thread of `callsim run --jobs N`: loads the scenario file itself (loading is
 * deterministic, so it builds the same tenant as the main thread) and runs the replications it is
 * sent, one at a time, answering each with its figures and timeline.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { metricProblem, runReplication } from '../engine/run/index.js';
import { loadScenarioFile } from '../engine/scenario/index.js';
import type { WorkerJob, WorkerReply, WorkerSetup } from './parallel-run.js';

const setup = workerData as WorkerSetup;
const port = parentPort;
if (port === null) throw new Error('replication-worker runs only as a worker thread.');

const loaded = await loadScenarioFile(setup.file, { metricProblem });
port.on('message', (job: WorkerJob) => {
  let reply: WorkerReply;
  if (!loaded.ok) {
    reply = { kind: 'failed', replication: job.replication, message: `${setup.file} no longer loads` };
  } else {
    try {
      const result = runReplication(loaded.scenario, loaded.tenant, setup.seed, job.replication, { horizonMs: setup.horizonMs });
      reply = { kind: 'done', result };
    } catch (error) {
      reply = { kind: 'failed', replication: job.replication, message: error instanceof Error ? error.message : String(error) };
    }
  }
  port.postMessage(reply);
});
