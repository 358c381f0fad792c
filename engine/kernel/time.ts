/**
 * Simulated time: integer milliseconds since the scenario's start (time 0).
 *
 * Integers keep results byte-identical across machines: no two runs can disagree about which of
 * two events came first because of a rounding difference.
 */
export type SimTime = number;

export const SECOND: SimTime = 1_000;
export const MINUTE: SimTime = 60 * SECOND;
export const HOUR: SimTime = 60 * MINUTE;
export const DAY: SimTime = 24 * HOUR;
export const WEEK: SimTime = 7 * DAY;
