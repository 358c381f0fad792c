import { describe, expect, it } from 'vitest';
import { Simulation, URGENT } from '../../engine/kernel/index.js';

/** A simulation with events at *times*, each logging the clock when it runs. */
function withLog(times: number[]): { sim: Simulation; log: string[] } {
  const sim = new Simulation();
  const log: string[] = [];
  for (const time of times) sim.schedule(time, () => log.push(`${sim.now}`));
  return { sim, log };
}

describe('Simulation', () => {
  it('starts at time 0 with nothing scheduled', () => {
    const sim = new Simulation();
    expect([sim.now, sim.peek(), sim.pending]).toEqual([0, Infinity, 0]);
  });

  it('steps to the next event and runs it', () => {
    const { sim, log } = withLog([5, 3]);
    expect(sim.step()).toBe(true);
    expect([sim.now, log]).toEqual([3, ['3']]);
  });

  it('returns false from step when nothing is scheduled', () => {
    const sim = new Simulation();
    expect([sim.step(), sim.now]).toEqual([false, 0]);
  });

  it('runs every event when no until is given and stops at the last one', () => {
    const { sim, log } = withLog([1, 2, 9]);
    sim.run();
    expect([sim.now, log]).toEqual([9, ['1', '2', '9']]);
  });

  it('does not run events at exactly until, and stands at until', () => {
    const { sim, log } = withLog([4, 10, 10]);
    sim.schedule(10, () => log.push('urgent'), URGENT);
    sim.run({ until: 10 });
    expect([sim.now, log]).toEqual([10, ['4']]);
  });

  it('resumes a stopped run with a later until', () => {
    const { sim, log } = withLog([4, 10, 15]);
    sim.run({ until: 10 });
    sim.run({ until: 12 });
    expect([sim.now, log]).toEqual([12, ['4', '10']]);
  });

  it('refuses an until that is not after now', () => {
    const sim = new Simulation();
    sim.run({ until: 5 });
    expect(() => sim.run({ until: 5 })).toThrow(RangeError);
    expect(() => sim.run({ until: 2 })).toThrow(RangeError);
  });

  it('refuses to schedule an event in the past or at a fractional time', () => {
    const sim = new Simulation();
    sim.run({ until: 100 });
    expect(() => sim.schedule(99, () => {})).toThrow(RangeError);
    expect(() => sim.schedule(100.5, () => {})).toThrow(RangeError);
  });

  it('runs events that an event schedules for now, after those already scheduled for now', () => {
    const sim = new Simulation();
    const log: string[] = [];
    sim.schedule(1, () => {
      log.push('first');
      sim.schedule(sim.now, () => log.push('scheduled by first'));
    });
    sim.schedule(1, () => log.push('second'));
    sim.run();
    expect(log).toEqual(['first', 'second', 'scheduled by first']);
  });

  it('does not run a cancelled event', () => {
    const { sim, log } = withLog([1, 3]);
    const handle = sim.schedule(2, () => log.push('cancelled'));
    expect(sim.cancel(handle)).toBe(true);
    sim.run();
    expect(log).toEqual(['1', '3']);
  });

  it('lets an error from an event stop the run', () => {
    const sim = new Simulation();
    sim.schedule(1, () => {
      throw new Error('boom');
    });
    expect(() => sim.run()).toThrow('boom');
    expect(sim.now).toBe(1);
  });
});
