/**
 * The report's charts as Vega-Lite specs (rendered by svg.ts). Times go on the x axis as the
 * scenario's local wall-clock time, shown on a UTC scale so that the page's own zone plays no part.
 * Every data mark carries a `description`: the figure it draws, as the tables print it.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { SampledPoint } from '../../engine/run/index.js';
import { formatFigure } from '../format-figure.js';

const WIDTH = 860;

/** One outcome of one call kind: its mean count per replication and 95% interval. */
export interface OutcomeBar {
  id: string;
  label: string;
  mean: number;
  lower: number | null;
  upper: number | null;
}

/** Text of an interval for a mark's description. */
function interval(lower: number | null, upper: number | null): string {
  return lower === null || upper === null ? 'no interval (one replication)' : `95% CI [${formatFigure(lower)}, ${formatFigure(upper)}]`;
}

export function outcomesSpec(kind: string, bars: readonly OutcomeBar[]): TopLevelSpec {
  const values = bars.map((b) => ({
    outcome: `${b.id} ${b.label}`,
    mean: b.mean,
    lower: b.lower ?? b.mean,
    upper: b.upper ?? b.mean,
    description: `${b.id}: mean ${formatFigure(b.mean)} calls, ${interval(b.lower, b.upper)}`,
  }));
  return {
    title: `${kind} calls by outcome (mean per replication, 95% CI)`,
    width: WIDTH - 400,
    height: { step: 22 },
    data: { values },
    encoding: { y: { field: 'outcome', type: 'nominal', sort: null, title: null, axis: { labelLimit: 400 } } },
    layer: [
      {
        mark: { type: 'bar', color: '#4c78a8' },
        encoding: { x: { field: 'mean', type: 'quantitative', title: 'calls per replication' }, description: { field: 'description' } },
      },
      { mark: { type: 'rule', color: '#222', aria: false }, encoding: { x: { field: 'lower', type: 'quantitative' }, x2: { field: 'upper' } } },
    ],
  };
}

/** A simulated time as the scenario's local wall clock, in ms, to be shown on a UTC scale. */
export type WallClock = (simMs: number) => number;

export interface BalanceChart {
  currency: string;
  points: readonly SampledPoint[];
  events: readonly { atMs: number; kind: string; amount: number; balance: number }[];
  warmupMs: number;
  wall: WallClock;
  /** How the wall clock is described on the axis ("local time, America/Los_Angeles"). */
  zone: string;
}

const EVENT_TEXT: Readonly<Record<string, string>> = {
  recharge: 'auto-recharge',
  rechargeFailed: 'auto-recharge failed',
  fundsAdded: 'funds added',
};

function warmupLayer(warmupMs: number, wall: WallClock, start: number): object[] {
  if (warmupMs <= 0) return [];
  return [
    {
      data: { values: [{ from: wall(start), to: wall(warmupMs), description: 'warm-up: not counted in the figures' }] },
      mark: { type: 'rect', color: '#eee', aria: false },
      encoding: { x: { field: 'from', type: 'temporal' }, x2: { field: 'to' } },
    },
  ];
}

export function balanceSpec(c: BalanceChart): TopLevelSpec {
  const line = c.points.map(([at, last, min, max]) => ({ t: c.wall(at), last, min, max }));
  const events = c.events.map((e) => ({
    t: c.wall(e.atMs),
    balance: e.balance,
    kind: EVENT_TEXT[e.kind] ?? e.kind,
    description: `${EVENT_TEXT[e.kind] ?? e.kind} of ${formatFigure(e.amount)} ${c.currency} at ${new Date(c.wall(e.atMs)).toISOString().slice(0, 16).replace('T', ' ')}; balance after: ${formatFigure(e.balance)}`,
  }));
  const x = { field: 't', type: 'temporal', title: c.zone, scale: { type: 'utc' }, axis: { format: '%a %d %b %H:%M' } } as const;
  return {
    title: `Communications Credits balance (${c.currency}); band: lowest and highest within each interval`,
    width: WIDTH,
    height: 260,
    layer: [
      ...(warmupLayer(c.warmupMs, c.wall, 0) as never[]),
      { data: { values: line }, mark: { type: 'area', opacity: 0.25, color: '#4c78a8', aria: false }, encoding: { x, y: { field: 'min', type: 'quantitative', title: `balance (${c.currency})` }, y2: { field: 'max' } } },
      { data: { values: line }, mark: { type: 'line', color: '#4c78a8', interpolate: 'step-after', aria: false }, encoding: { x, y: { field: 'last', type: 'quantitative' } } },
      {
        data: { values: events },
        mark: { type: 'point', filled: true, size: 60 },
        encoding: {
          x,
          y: { field: 'balance', type: 'quantitative' },
          color: { field: 'kind', type: 'nominal', title: 'event', scale: { domain: Object.values(EVENT_TEXT), range: ['#2ca02c', '#d62728', '#ff7f0e'] } },
          shape: { field: 'kind', type: 'nominal', scale: { domain: Object.values(EVENT_TEXT), range: ['triangle-up', 'cross', 'diamond'] } },
          description: { field: 'description' },
        },
      },
    ],
  } as TopLevelSpec;
}

export interface PoolChart {
  policy: string;
  reserved: readonly SampledPoint[];
  size: readonly SampledPoint[];
  displacements: readonly { id: number; atMs: number; number: string; lost: string; took: string; misroutedCallbacks: readonly number[] }[];
  callbacks: readonly { call: number; atMs: number; number: string; caller: string; rang: string; displacement: number | null }[];
  warmupMs: number;
  wall: WallClock;
  zone: string;
}

export function poolSpec(c: PoolChart): TopLevelSpec {
  const occupancy = c.reserved.map(([at, last, , max], i) => ({ t: c.wall(at), last, max, size: c.size[i]?.[1] ?? null }));
  // Displacements ride above the pool's largest size, the callbacks they misrouted a little lower.
  const top = Math.max(1, ...c.size.map((p) => p[3]));
  const displacedY = top + 0.6;
  const callbackY = top + 0.3;
  const x = { field: 't', type: 'temporal', title: c.zone, scale: { type: 'utc' }, axis: { format: '%a %d %b %H:%M' } } as const;
  const at = (ms: number): string => new Date(c.wall(ms)).toISOString().slice(0, 16).replace('T', ' ');
  const displacements = c.displacements.map((d) => ({
    t: c.wall(d.atMs),
    y: displacedY,
    href: `#displacement-${d.id}`,
    description: `EMG004 displacement ${d.id} at ${at(d.atMs)}: ${d.took} took ${d.number} from ${d.lost}; misrouted callbacks: ${d.misroutedCallbacks.length === 0 ? 'none' : d.misroutedCallbacks.map((n) => `call ${n}`).join(', ')}`,
  }));
  const callbacks = c.callbacks.map((cb) => ({
    t: c.wall(cb.atMs),
    y: callbackY,
    href: cb.displacement === null ? `#callback-${cb.call}` : `#displacement-${cb.displacement}`,
    description: `CBK001 misrouted callback, call ${cb.call} at ${at(cb.atMs)}: to ${cb.number} for ${cb.caller}, rang ${cb.rang}; ${cb.displacement === null ? 'the reservation had ended (no displacement)' : `caused by displacement ${cb.displacement}`}`,
  }));
  // A link from each displacement to each callback it misrouted, drawn along the top of the chart.
  const links = c.callbacks.flatMap((cb) => {
    const d = cb.displacement === null ? undefined : c.displacements.find((x) => x.id === cb.displacement);
    return d === undefined ? [] : [{ from: c.wall(d.atMs), to: c.wall(cb.atMs), y: displacedY, y2: callbackY }];
  });
  // One domain on every layer: the marks above the pool's size must stay inside the plot.
  const scale = { domain: [0, top + 0.8] };
  const y = { field: 'y', type: 'quantitative', scale } as const;
  return {
    title: `Callback pool of ${c.policy}: numbers reserved (line: at each interval's end; ticks: highest within it)`,
    width: WIDTH,
    height: 220,
    layer: [
      ...(warmupLayer(c.warmupMs, c.wall, 0) as never[]),
      { data: { values: occupancy }, mark: { type: 'line', color: '#999', strokeDash: [4, 3], interpolate: 'step-after', aria: false }, encoding: { x, y: { field: 'size', type: 'quantitative', scale } } },
      { data: { values: occupancy }, mark: { type: 'line', color: '#4c78a8', interpolate: 'step-after', aria: false }, encoding: { x, y: { field: 'last', type: 'quantitative', scale, title: 'numbers reserved (dashed: pool size)', axis: { tickMinStep: 1 } } } },
      { data: { values: occupancy }, mark: { type: 'tick', color: '#4c78a8', opacity: 0.5, aria: false }, encoding: { x, y: { field: 'max', type: 'quantitative', scale } } },
      { data: { values: links }, mark: { type: 'rule', color: '#d62728', strokeWidth: 2, aria: false }, encoding: { x: { field: 'from', type: 'temporal' }, x2: { field: 'to' }, y, y2: { field: 'y2' } } },
      { data: { values: displacements }, mark: { type: 'point', shape: 'triangle-down', filled: true, size: 90, color: '#d62728' }, encoding: { x, y, href: { field: 'href' }, description: { field: 'description' } } },
      { data: { values: callbacks }, mark: { type: 'point', shape: 'circle', filled: false, size: 90, color: '#9467bd', strokeWidth: 2 }, encoding: { x, y, href: { field: 'href' }, description: { field: 'description' } } },
    ],
  } as TopLevelSpec;
}

const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
export const FLOW_NAMES: Readonly<Record<string, string>> = {
  INB002: 'INB002 holiday',
  INB003: 'INB003 after hours',
  INB004: 'INB004 business hours',
  none: 'no call flow run',
};

/** "Mon 09:00" for hour of the week 9. */
export function hourOfWeekText(hour: number): string {
  return `${DAYS[Math.floor(hour / 24)] ?? '?'} ${String(hour % 24).padStart(2, '0')}:00`;
}

export function hourOfWeekSpec(byFlow: Readonly<Record<string, readonly number[]>>, zone: string): TopLevelSpec {
  const values = Object.entries(byFlow).flatMap(([flow, hours]) =>
    hours.flatMap((mean, hour) =>
      mean === 0 ? [] : [{ hour, flow: FLOW_NAMES[flow] ?? flow, mean, description: `${hourOfWeekText(hour)} ${FLOW_NAMES[flow] ?? flow}: mean ${formatFigure(mean)} calls` }],
    ),
  );
  return {
    title: 'Inbound calls by hour of the week and the call flow they ran (mean per replication)',
    width: WIDTH,
    height: 220,
    data: { values },
    mark: { type: 'bar' },
    encoding: {
      x: {
        field: 'hour',
        type: 'quantitative',
        bin: { step: 1, extent: [0, 168] } as never,
        title: `hour of the week, ${zone} (Monday 00:00 first)`,
        axis: { values: [0, 24, 48, 72, 96, 120, 144, 168], labelExpr: "['Mon','Tue','Wed','Thu','Fri','Sat','Sun','Mon'][datum.value / 24]" },
      },
      y: { field: 'mean', type: 'quantitative', aggregate: 'sum', title: 'calls per replication', stack: 'zero' },
      color: { field: 'flow', type: 'nominal', title: 'call flow', scale: { domain: Object.values(FLOW_NAMES), range: ['#9467bd', '#7f7f7f', '#4c78a8', '#e45756'] } },
      description: { field: 'description' },
    },
  } as TopLevelSpec;
}

/** One moved figure of a comparison: B - A with its paired interval. */
export interface MovedFigure {
  metric: string;
  mean: number;
  lower: number | null;
  upper: number | null;
}

export function differenceSpec(figures: readonly MovedFigure[]): TopLevelSpec {
  const values = figures.map((f) => ({
    metric: f.metric,
    mean: f.mean,
    lower: f.lower ?? f.mean,
    upper: f.upper ?? f.mean,
    description: `${f.metric}: B - A ${formatFigure(f.mean)}, paired ${interval(f.lower, f.upper)}`,
  }));
  return {
    title: 'Each moved figure: B - A with its paired 95% CI (each row on its own scale; the line is 0)',
    data: { values },
    facet: { row: { field: 'metric', type: 'nominal', sort: null, title: null, header: { labelAngle: 0, labelAlign: 'left', labelLimit: 360 } } },
    resolve: { scale: { x: 'independent' } },
    spacing: 4,
    spec: {
      width: WIDTH - 400,
      height: 16,
      layer: [
        { mark: { type: 'rule', color: '#999', aria: false }, encoding: { x: { datum: 0, type: 'quantitative' } } },
        // Padding keeps a zero-width interval's point (a figure fixed by the change, such as a pool's size) off the edge.
        { mark: { type: 'rule', color: '#222', strokeWidth: 2, aria: false }, encoding: { x: { field: 'lower', type: 'quantitative', title: null, scale: { padding: 10 } }, x2: { field: 'upper' } } },
        { mark: { type: 'point', filled: true, color: '#d62728', size: 50 }, encoding: { x: { field: 'mean', type: 'quantitative' }, description: { field: 'description' } } },
      ],
    },
  } as TopLevelSpec;
}
