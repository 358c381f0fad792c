import { describe, expect, it } from 'vitest';
import { Channels } from '../../engine/runtime/index.js';

describe('channels of resource accounts', () => {
  it('counts the calls each resource account carries and tells the observer at each change', () => {
    const levels: [number, string, number][] = [];
    const channels = new Channels({ onChannelsInUse: (now, ra, inUse) => levels.push([now, ra, inUse]) });
    expect(channels.seize(0, 'ra-main')).toBe(1);
    expect(channels.seize(5, 'ra-main')).toBe(2);
    expect(channels.seize(6, 'ra-other')).toBe(1);
    expect(channels.release(9, 'ra-main')).toBe(1);
    expect(channels.inUse('ra-main')).toBe(1);
    expect(channels.inUse('ra-other')).toBe(1);
    expect(channels.inUse('ra-none')).toBe(0);
    expect(levels).toEqual([
      [0, 'ra-main', 1],
      [5, 'ra-main', 2],
      [6, 'ra-other', 1],
      [9, 'ra-main', 1],
    ]);
  });

  it('refuses a release without a seizure: a machine that does that has a bug', () => {
    const channels = new Channels();
    expect(() => channels.release(0, 'ra-main')).toThrow(RangeError);
  });
});
