/**
 * The progress bar (issue 13, item 2): calls simulated, replications done, elapsed time and time
 * left; drawn only on a terminal and only for work expected to take more than about 2 s.
 */
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/program.js';
import { clockText, PROGRESS_AFTER_SECONDS, ProgressBar, wantProgress } from '../../cli/progress.js';

/** A bar on a fake clock, writing to a string. */
function fakeBar(total: number, expectedCalls: number) {
  let now = 1_000_000;
  let out = '';
  const bar = new ProgressBar({ write: (s: string) => (out += s) }, { total, unit: 'replications', expectedCalls, now: () => now, intervalMs: 100 });
  return {
    bar,
    advance: (ms: number) => (now += ms),
    /** The lines drawn so far, without the carriage returns and clear-to-end codes. */
    lines: () => out.split('\r').map((l) => l.replace(/\x1b\[K/g, '')).filter((l) => l !== ''),
    raw: () => out,
  };
}

describe('ProgressBar', () => {
  it('shows the fraction done, replications finished, calls counted, elapsed time and time left', () => {
    const b = fakeBar(4, 1_000);
    b.advance(1_000);
    b.bar.update(0.5);
    b.advance(3_000);
    b.bar.update(1.5);
    for (let i = 0; i < 2048; i++) b.bar.call();
    expect(b.bar.line()).toBe('[########············]  37.5%  1/4 replications  2,048 calls  0:04 elapsed  ETA 0:08');
  });

  it('measures the pace from the first movement, so start-up time does not count as slow simulation', () => {
    const b = fakeBar(10, 0);
    b.advance(60_000); // a minute loading before the first report
    b.bar.update(1);
    b.advance(2_000);
    b.bar.update(2);
    // 2 s per replication since the first report: 8 left, 16 s.
    expect(b.bar.line()).toMatch(/ETA 0:16$/);
    // Between reports the time left counts down.
    b.advance(5_000);
    expect(b.bar.line()).toMatch(/ 1:07 elapsed /);
    expect(b.bar.line()).toMatch(/ETA 0:11$/);
  });

  it('shows ≈ calls from the estimate while no call is counted (replications on worker threads)', () => {
    const b = fakeBar(2, 10_000);
    b.bar.update(0.5);
    expect(b.bar.line()).toMatch(/ 25\.0%  0\/2 replications  ≈2,500 calls /);
  });

  it('moves on a 100-year replication: a tenth of a percent at a time, not "0.0/1"', () => {
    const b = fakeBar(1, 0);
    b.advance(500);
    b.bar.update(37 / 36_525);
    expect(b.bar.line()).toMatch(/^\[····················\]   0\.1%  0\/1 replications/);
  });

  it('draws at most once per interval, and ends with the final state and a new line', () => {
    const b = fakeBar(2, 0);
    b.bar.update(0.1);
    b.bar.update(0.2);
    b.advance(150);
    b.bar.update(0.3);
    expect(b.lines()).toHaveLength(2);
    b.bar.update(2);
    b.bar.finish();
    expect(b.lines().at(-1)).toMatch(/100\.0%  2\/2 replications .* done\n$/);
    b.bar.finish();
    expect(b.raw().endsWith('done\x1b[K\n')).toBe(true);
  });

  it('clear() leaves no line behind (trace prints its calls after it), and nothing if it never drew', () => {
    const b = fakeBar(1, 0);
    b.bar.update(0.5);
    b.bar.clear();
    expect(b.raw().endsWith('\r\x1b[K')).toBe(true);
    const quiet = fakeBar(1, 0);
    quiet.bar.clear();
    expect(quiet.raw()).toBe('');
  });

  it('writes time as m:ss, or h:mm:ss past an hour', () => {
    expect([clockText(0), clockText(61_499), clockText(3_600_000 + 62_000), clockText(-5)]).toEqual(['0:00', '1:01', '1:01:02', '0:00']);
  });
});

describe('when the bar is drawn', () => {
  it('on a terminal, for work expected to take more than about 2 s, unless --no-progress', () => {
    expect(PROGRESS_AFTER_SECONDS).toBe(2);
    expect([wantProgress({}, true, 2.5), wantProgress({}, true, 1.5), wantProgress({}, false, 1e6), wantProgress({ progress: false }, true, 1e6)]).toEqual([
      true,
      false,
      false,
      false,
    ]);
  });

  const dir = mkdtempSync(join(tmpdir(), 'callsim-progress-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  // Ten years of the 500-user office: an estimated half a minute, so a bar on a terminal. trace
  // stops at the call asked for, a few thousand calls in.
  const big = join(dir, 'big.yaml');
  writeFileSync(big, readFileSync(new URL('../fixtures/statistics/seattle-500.yaml', import.meta.url), 'utf8').replace(/^horizon: .*$/m, 'horizon: 3650d'));

  async function trace(stderrIsTty: boolean): Promise<{ code: number; stdout: string; stderr: string }> {
    let stdout = '';
    let stderr = '';
    const code = await main(['trace', big, '--call', '5000'], { stdout: { write: (s: string) => (stdout += s) }, stderr: { write: (s: string) => (stderr += s) }, stderrIsTty });
    return { code, stdout, stderr };
  }

  it('trace draws it on a terminal and clears it before the trace', async () => {
    const r = await trace(true);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^\r\[[#·]+\] .* replication  [\d,]+ calls  \d+:\d\d elapsed  ETA /);
    expect(r.stderr.endsWith('\r\x1b[K')).toBe(true);
    expect(r.stdout).toMatch(/call 5000/);
  });

  it('never into a pipe', async () => {
    const r = await trace(false);
    expect([r.code, r.stderr]).toEqual([0, '']);
  });

  it('not for a short run, even on a terminal', async () => {
    let stderr = '';
    const code = await main(['run', 'scenarios/seattle.yaml', '--replications', '1', '--horizon', '2d'], {
      stdout: { write: () => true },
      stderr: { write: (s: string) => (stderr += s) },
      stderrIsTty: true,
    });
    expect([code, stderr]).toEqual([0, '']);
  });
});
