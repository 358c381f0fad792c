/**
 * The figures of each call queue in one replication, streamed (docs/results-format.md,
 * `queue.<name>.*`): calls offered to the queue and how each left it (answered CQ020, abandoned
 * CQ021, overflowed CQ022, timed out CQ023, no agents CQ024), the wait of answered calls (mean,
 * 90th percentile, share that waited at all) and agent occupancy. The waits go into a histogram
 * of whole seconds up to the longest timeout Teams allows, so nothing grows with the calls.
 */
import type { QueueCallOutput } from '../machines/index.js';
import { TimeWeighted } from '../metrics/index.js';
import type { Tenant } from '../tenant/index.js';
import { callQueuesOf } from '../tenant/index.js';
import { queueRoster } from '../runtime/index.js';

/** What the collector hears of queue calls, for the per-queue figures. */
export interface QueueObserver {
  onQueueCall(now: number, queueId: string, output: QueueCallOutput): void;
  onAgentTalking(now: number, queueId: string, delta: 1 | -1): void;
}

/** Wait histogram bins: one per second up to 45 minutes (TimeoutThreshold's maximum), then one for longer. */
const BINS = 2_701;

const ENDING_FIGURE: Readonly<Record<string, string>> = {
  CQ020: 'answered',
  CQ021: 'abandoned',
  CQ022: 'overflowed',
  CQ023: 'timedOut',
  CQ024: 'noAgents',
};

interface QueueStats {
  name: string;
  agents: number;
  counts: Record<string, number>;
  waitSumMs: number;
  waited: number;
  histogram: Uint32Array;
  talking: TimeWeighted;
}

export class QueueFigures implements QueueObserver {
  private readonly queues = new Map<string, QueueStats>();

  constructor(private readonly warmup: number) {}

  /** Follow the call queues of *tenant* (when the run starts); figures go under each queue's name. */
  watch(tenant: Tenant): void {
    for (const queue of callQueuesOf(tenant)) {
      if (this.queues.has(queue.identity)) continue;
      this.queues.set(queue.identity, {
        name: queue.name,
        agents: queueRoster(tenant, queue).agents.length,
        counts: { offered: 0, answered: 0, abandoned: 0, overflowed: 0, timedOut: 0, noAgents: 0 },
        waitSumMs: 0,
        waited: 0,
        histogram: new Uint32Array(BINS),
        talking: new TimeWeighted({ start: 0, level: 0, warmup: this.warmup }),
      });
    }
  }

  onQueueCall(now: number, queueId: string, output: QueueCallOutput): void {
    const q = this.queues.get(queueId);
    // A leg that started in the warm-up ends after it at the latest by its wait and talk: count by its end [choice].
    if (q === undefined || now < this.warmup) return;
    q.counts.offered = (q.counts.offered ?? 0) + 1;
    const figure = ENDING_FIGURE[output.outcome];
    if (figure !== undefined) q.counts[figure] = (q.counts[figure] ?? 0) + 1;
    if (output.outcome !== 'CQ020') return;
    const waitMs = output.details.waitMs;
    q.waitSumMs += waitMs;
    if (waitMs > 0) q.waited++;
    const bin = Math.min(BINS - 1, Math.floor(waitMs / 1000));
    q.histogram[bin] = (q.histogram[bin] ?? 0) + 1;
  }

  onAgentTalking(now: number, queueId: string, delta: 1 | -1): void {
    const q = this.queues.get(queueId);
    if (q !== undefined) q.talking.update(now, q.talking.level + delta);
  }

  /** Adds each queue's figures to *out*, named with *key* (the collector's metric-name cleaner). */
  addTo(out: Map<string, number>, horizon: number, key: (name: string) => string): void {
    for (const q of this.queues.values()) {
      const prefix = `queue.${key(q.name)}`;
      for (const [name, value] of Object.entries(q.counts)) out.set(`${prefix}.${name}`, value);
      const answered = q.counts.answered ?? 0;
      const offered = q.counts.offered ?? 0;
      out.set(`${prefix}.answeredShare`, offered === 0 ? NaN : answered / offered);
      out.set(`${prefix}.abandonedShare`, offered === 0 ? NaN : (q.counts.abandoned ?? 0) / offered);
      out.set(`${prefix}.waitMeanSeconds`, answered === 0 ? NaN : q.waitSumMs / answered / 1000);
      out.set(`${prefix}.waitP90Seconds`, answered === 0 ? NaN : percentile(q.histogram, answered, 0.9));
      out.set(`${prefix}.waitedShare`, answered === 0 ? NaN : q.waited / answered);
      out.set(`${prefix}.agents`, q.agents);
      out.set(`${prefix}.occupancy`, q.agents === 0 ? NaN : q.talking.mean(horizon) / q.agents);
    }
  }
}

/** The *p* quantile of *count* values binned by whole seconds, in whole seconds (rounded down). */
function percentile(histogram: Uint32Array, count: number, p: number): number {
  const rank = Math.ceil(p * count);
  let seen = 0;
  for (let i = 0; i < histogram.length; i++) {
    seen += histogram[i] as number;
    if (seen >= rank) return i;
  }
  return histogram.length - 1;
}
