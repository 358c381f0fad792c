/**
 * A worker thread of a parallel run (engine/run/parallel.ts): it is given the scenario and tenant
 * the main thread loaded (cloned, not read from the file again), and runs the replications it is
 * sent, one at a time, answering each with its figures and timeline, and on the way with its call
 * records and its progress when the run asks for them.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { CallRecord } from '../calls/index.js';
import type { RecordChunk, RecordSerializerFactory, WorkerJob, WorkerReply, WorkerSetup } from './parallel.js';
import { runReplication } from './replication.js';

const setup = workerData as WorkerSetup;
const port = parentPort;
if (port === null) throw new Error('replication-worker runs only as a worker thread.');

/** Records are sent in pieces of about this many characters (or records), not one message per call. */
const CHUNK_CHARACTERS = 64 * 1024;
const CHUNK_RECORDS = 1024;

const { scenario, tenant } = setup.loaded;
const records = setup.records;
// The serializer's module is imported before the first job is taken; jobs wait for it.
const serializer: Promise<((record: CallRecord) => string) | undefined> =
  typeof records === 'object'
    ? import(records.serializer).then((m: { recordSerializer: RecordSerializerFactory }) => m.recordSerializer(scenario, tenant))
    : Promise.resolve(undefined);

port.on('message', (job: WorkerJob) => {
  const send = (reply: WorkerReply): void => port.postMessage(reply);
  const replication = job.replication;
  const fail = (error: unknown): void =>
    send({
      kind: 'failed',
      replication,
      message: error instanceof Error ? error.message : String(error),
      ...(error instanceof Error && error.stack !== undefined ? { stack: error.stack } : {}),
    });
  serializer.then((toText) => {
    let text = '';
    let batch: CallRecord[] = [];
    const flush = (): void => {
      const chunk: RecordChunk | undefined = text !== '' ? { text } : batch.length > 0 ? { records: batch } : undefined;
      if (chunk !== undefined) send({ kind: 'records', replication, chunk });
      text = '';
      batch = [];
    };
    const onCall =
      toText !== undefined
        ? (record: CallRecord): void => {
            text += toText(record);
            if (text.length >= CHUNK_CHARACTERS) flush();
          }
        : records === 'objects'
          ? (record: CallRecord): void => {
              batch.push(record);
              if (batch.length >= CHUNK_RECORDS) flush();
            }
          : undefined;
    try {
      const result = runReplication(scenario, tenant, setup.seed, replication, {
        horizonMs: setup.horizonMs,
        engine: setup.engine,
        ...(onCall === undefined ? {} : { onCall }),
        ...(setup.progress ? { onProgress: (reached: number, horizon: number) => send({ kind: 'progress', replication, fraction: reached / horizon }) } : {}),
      });
      flush();
      send({ kind: 'done', result });
    } catch (error) {
      fail(error);
    }
  }, fail);
});
