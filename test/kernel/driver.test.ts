import { describe, expect, it } from 'vitest';
import { MachineDriver, Simulation } from '../../engine/kernel/index.js';
import type { CallId } from '../../engine/kernel/index.js';
import { toyCall } from './toy-call.js';

/** A simulation and a driver of the toy call whose effects and outputs go to one log. */
function setupDriver(): { sim: Simulation; driver: MachineDriver<typeof toyCall>; log: string[] } {
  const sim = new Simulation();
  const log: string[] = [];
  const driver = new MachineDriver({
    machine: toyCall,
    scheduler: sim,
    onEffect: (callId: CallId, effect) => log.push(`${sim.now} ${callId} ${effect.type}`),
    onDone: (callId: CallId, output) => log.push(`${sim.now} ${callId} done ${output.outcome}`),
  });
  return { sim, driver, log };
}

describe('MachineDriver', () => {
  it('fires a delayed transition at now plus its delay', () => {
    const { sim, driver, log } = setupDriver();
    driver.start('a', { ringMs: 30_000, maxTalkMs: 60_000 });
    sim.run();
    expect(log).toEqual(['30000 a notifyMissed', '30000 a done TOY-NOT-ANSWERED']);
  });

  it('cancels a delayed transition when another event leaves its state', () => {
    const { sim, driver, log } = setupDriver();
    driver.start('a', { ringMs: 30_000, maxTalkMs: 600_000 });
    sim.schedule(10_000, () => driver.send('a', { type: 'ANSWER' }));
    sim.schedule(50_000, () => driver.send('a', { type: 'HANG_UP' }));
    sim.run();
    expect(log).toEqual(['10000 a startBilling', '50000 a stopBilling', '50000 a done TOY-ANSWERED']);
  });

  it('hands effects out in order with their params', () => {
    const sim = new Simulation();
    const effects: unknown[] = [];
    const driver = new MachineDriver({
      machine: toyCall,
      scheduler: sim,
      onEffect: (_callId, effect) => effects.push({ type: effect.type, params: effect.params }),
      onDone: () => {},
    });
    driver.start(1, { ringMs: 5, maxTalkMs: 5 });
    driver.send(1, { type: 'ANSWER' });
    sim.run();
    expect(effects).toEqual([
      { type: 'startBilling', params: { rate: 2 } },
      { type: 'stopBilling', params: undefined },
    ]);
  });

  it('reports the output when the call ends and forgets the call', () => {
    const { sim, driver } = setupDriver();
    driver.start('a', { ringMs: 100, maxTalkMs: 100 });
    driver.send('a', { type: 'REJECT' });
    expect([driver.has('a'), driver.activeCalls, driver.snapshot('a'), sim.pending]).toEqual([false, 0, undefined, 0]);
  });

  it('interleaves two calls in one queue', () => {
    const { sim, driver, log } = setupDriver();
    driver.start('a', { ringMs: 1_000, maxTalkMs: 5_000 });
    driver.start('b', { ringMs: 2_000, maxTalkMs: 1_000 });
    sim.schedule(500, () => driver.send('a', { type: 'ANSWER' }));
    sim.schedule(1_500, () => driver.send('b', { type: 'ANSWER' }));
    sim.run();
    expect(log).toEqual([
      '500 a startBilling',
      '1500 b startBilling',
      '2500 b stopBilling',
      '2500 b done TOY-ANSWERED',
      '5500 a stopBilling',
      '5500 a done TOY-ANSWERED',
    ]);
  });

  it('delivers an event sent from inside an effect after the current macrostep', () => {
    const sim = new Simulation();
    const log: string[] = [];
    const driver: MachineDriver<typeof toyCall> = new MachineDriver({
      machine: toyCall,
      scheduler: sim,
      onEffect: (callId, effect) => {
        log.push(effect.type);
        if (effect.type === 'startBilling') driver.send(callId, { type: 'HANG_UP' });
      },
      onDone: (_callId, output) => log.push(output.outcome),
      onTransition: (_callId, event, snapshot) => log.push(`${event?.type ?? 'start'} -> ${String(snapshot.value)}`),
    });
    driver.start('a', { ringMs: 100, maxTalkMs: 100 });
    driver.send('a', { type: 'ANSWER' });
    expect(log).toEqual(['start -> ringing', 'startBilling', 'ANSWER -> talking', 'stopBilling', 'HANG_UP -> ended', 'TOY-ANSWERED']);
  });

  it('refuses a delay that does not resolve to a finite number', () => {
    const { driver } = setupDriver();
    expect(() => driver.start('a', { ringMs: undefined as unknown as number, maxTalkMs: 100 })).toThrow(/xstate\.after\.ringTimeout.*finite number/);
    expect(() => driver.start('b', { ringMs: Infinity, maxTalkMs: 100 })).toThrow(/finite number/);
  });

  it('refuses an event for a call that is not active', () => {
    const { driver } = setupDriver();
    expect(() => driver.send('nobody', { type: 'ANSWER' })).toThrow(/not active/);
  });

  it('refuses to start a call whose id is active', () => {
    const { driver } = setupDriver();
    driver.start('a', { ringMs: 100, maxTalkMs: 100 });
    expect(() => driver.start('a', { ringMs: 100, maxTalkMs: 100 })).toThrow(/already active/);
  });

  it('rounds a fractional delay to the millisecond', () => {
    const { sim, driver, log } = setupDriver();
    driver.start('a', { ringMs: 1_234.6, maxTalkMs: 100 });
    sim.run();
    expect(log[0]).toBe('1235 a notifyMissed');
  });
});
