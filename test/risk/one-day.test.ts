// One definition of the day for the closed form and the simulation: the daily curve (flat without
// one), with peak_window at peak_records_per_second inside the busiest hour. The closed form's
// P(any throttle) over the day must fall inside the simulation's 95% interval for every shipped
// profile (they once disagreed by orders of magnitude: 9.8e-13% against 46.9%).

import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseProfile } from '../../src/profile/parse.js';
import type { Profile } from '../../src/profile/types.js';
import { REGION_CODES } from '../../src/prices/regions.js';
import { plan } from '../../src/model/plan.js';
import { daySegments } from '../../src/model/stream/sizing.js';
import { testCatalogue } from '../helpers/catalogue.js';

const shipped = readdirSync('profiles')
  .filter((f) => f.endsWith('.yaml'))
  .sort();

describe('the day', () => {
  it('segments: each hour at its average; the peak window at the peak inside the busiest hour, the hour keeping its average', () => {
    const file = 'profiles/fastapi-logs.yaml';
    const p = parseProfile(readFileSync(file), { file, regionCodes: REGION_CODES, overrides: [] }).profile!;
    const segs = daySegments(p);
    expect(segs.reduce((a, g) => a + g.seconds, 0)).toBe(86_400);
    // fastapi-logs: 1,500/s average, curve peak 1.52 at 11:00, peak 4,000/s over 60 s.
    const h11 = segs.filter((g) => g.hour === 11);
    expect(h11).toHaveLength(2);
    expect(h11[0]).toEqual({ hour: 11, seconds: 60, scale: 1 });
    const hourAverage = (h11[0]!.seconds * h11[0]!.scale + h11[1]!.seconds * h11[1]!.scale) / 3600;
    expect(hourAverage * 4000).toBeCloseTo(1500 * 1.52, 9);
    expect(segs.find((g) => g.hour === 3)!.scale * 4000).toBeCloseTo(1500 * 0.405, 9);
  });

  // Each stream once: profiles that differ only past the stream (fastapi-logs-transform is
  // fastapi-logs with a Lambda step in Firehose) have the same day, simulated from the same seed.
  const streams = new Map<string, { names: string[]; profile: Profile }>();
  for (const f of shipped) {
    const file = `profiles/${f}`;
    const p = parseProfile(readFileSync(file), { file, regionCodes: REGION_CODES, overrides: [] }).profile!;
    if (p.stream.mode === 'none') continue;
    const key = JSON.stringify([p.traffic, p.producer, p.stream, p.consumers, p.regions[0]]);
    const seen = streams.get(key);
    if (seen) seen.names.push(f);
    else streams.set(key, { names: [f], profile: p });
  }
  for (const { names, profile: p } of streams.values()) {
    it(`${names.join(', ')}: the closed form's P(any throttle) lies in the simulation's 95% interval`, () => {
      const r = plan({ ...p, regions: [p.regions[0]!] }, testCatalogue(), { explain: false, risk: { simulate: true, seed: 1 } }).results[0]!;
      const t = r.stream!.throttle as Record<string, any>;
      const closed = t.daily.p_any_throttle as number;
      const [lo, hi] = t.simulation.p_any_throttle.ci95 as [number, number];
      expect(closed).toBeGreaterThanOrEqual(lo * (1 - 1e-9));
      expect(closed).toBeLessThanOrEqual(hi * (1 + 1e-9));
    });
  }
});
