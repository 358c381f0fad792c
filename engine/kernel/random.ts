import seedrandom from 'seedrandom';

/** A source of uniform numbers in [0, 1), independent of every other named stream. */
export interface RandomStream {
  next(): number;
}

/** The random streams of one replication of one scenario, each named by its purpose. */
export interface RandomStreams {
  /**
   * The stream named *name* (e.g. `arrivals/outbound`, `duration/outbound`, `callback/delay`).
   * Asking twice for one name returns the same stream, continuing where it was.
   */
  stream(name: string): RandomStream;
}

/**
 * Create the streams of replication *replication* of a scenario seeded with *seed*.
 *
 * Each stream is its own Alea generator seeded with the string `${seed}/${replication}/${name}`,
 * never the global Math.random, so drawing more from one stream (a what-if that changes call
 * durations) leaves every other stream's numbers unchanged: common random numbers.
 * Raise RangeError if *replication* is not a non-negative integer.
 */
export function createStreams(seed: number | string, replication: number): RandomStreams {
  if (!Number.isSafeInteger(replication) || replication < 0) {
    throw new RangeError(`replication must be an integer >= 0, got ${replication}.`);
  }
  const streams = new Map<string, RandomStream>();
  return {
    stream(name: string): RandomStream {
      let stream = streams.get(name);
      if (stream === undefined) {
        // Only the default seedrandom(seed, { global: true }) touches Math.random; alea() returns
        // a local generator.
        const prng = seedrandom.alea(`${seed}/${replication}/${name}`);
        stream = { next: () => prng() };
        streams.set(name, stream);
      }
      return stream;
    },
  };
}
