import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadScenario, runScenario, ScenarioError, sweep, validate } from '../../engine/index.js';
import { runReplication } from '../../engine/run/index.js';

/**
 * The public entry from its TypeScript sources (test/package/packed.test.ts runs it packed, on
 * worker threads): here every run is on the calling thread, where the signal is seen between
 * simulated days, replications and sweep units.
 */
const file = join(import.meta.dirname, '../../scenarios/small-callback-pool.yaml');

describe('the library entry', () => {
  it('loads from a path, a file: URL or text, to the same scenario', async () => {
    const byPath = await loadScenario(file);
    const byUrl = await loadScenario(pathToFileURL(file));
    const { readFile } = await import('node:fs/promises');
    const byText = await loadScenario({ text: await readFile(file, 'utf8'), file });
    expect(byUrl.scenario).toEqual(byPath.scenario);
    expect(byText.scenario).toEqual(byPath.scenario);
    expect(validate(byPath).map((f) => f.rule)).toContain('RA010');
  });

  it('rejects an unusable scenario with every issue located', async () => {
    const error = await loadScenario({ text: 'version: 1\nname: x\nhorizon: soon\n', file: 'bad.yaml' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ScenarioError);
    const issues = (error as ScenarioError).issues;
    expect(issues.length).toBeGreaterThan(1);
    expect((error as ScenarioError).message.split('\n')).toHaveLength(issues.length);
    expect((error as ScenarioError).message).toMatch(/^bad\.yaml:\d+:\d+/);
  });

  it('stops a run between simulated days with the signal\'s reason, an AbortError by default', async () => {
    const loaded = await loadScenario(file);
    const controller = new AbortController();
    const reports: number[] = [];
    const stopped = runScenario(loaded, { jobs: 0, signal: controller.signal, onProgress: (done) => (reports.push(done), done >= 1 && controller.abort()) });
    await expect(stopped).rejects.toMatchObject({ name: 'AbortError' });
    // 3-day replications: a report per day; the first report at a whole replication ends it.
    expect(reports).toEqual([1 / 3, 2 / 3, 1]);
    const reason = new Error('enough');
    await expect(runScenario(loaded, { signal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    expect(() => runReplication(loaded.scenario, loaded.tenant, 1, 0, { signal: AbortSignal.abort() })).toThrow(expect.objectContaining({ name: 'AbortError' }));
  });

  it('gives the same results with a signal that is never aborted (the run then goes a day at a time)', async () => {
    const loaded = await loadScenario(file);
    const plain = await runScenario(loaded, { replications: 2 });
    const watched = await runScenario(loaded, { replications: 2, signal: new AbortController().signal });
    expect(JSON.stringify(watched)).toBe(JSON.stringify(plain));
  });

  it('stops a sweep between units, and counts them', async () => {
    const controller = new AbortController();
    const counted: [number, number][] = [];
    const set = { 'settings.callbackPool.reuse': ['first', 'oldest'] };
    const stopped = sweep(file, { set, replications: 2, signal: controller.signal, onProgress: (done, total) => (counted.push([done, total]), done === 1 && controller.abort()) });
    await expect(stopped).rejects.toMatchObject({ name: 'AbortError' });
    expect(counted).toEqual([[1, 4]]);
    const whole = await sweep(file, { set, replications: 2 });
    expect(whole.runs).toHaveLength(2);
    await expect(sweep(file, { set: { 'settings.callbackPool.reuse': ['sideways'] } })).rejects.toBeInstanceOf(ScenarioError);
  });
});
