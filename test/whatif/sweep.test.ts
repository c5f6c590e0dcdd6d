// runSweep: each point is the profile with the axis values applied and validated like the file;
// more traffic never costs less or needs fewer shards; change markers sit where things change.

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync, readdirSync } from 'node:fs';
import { REGION_CODES } from '../../src/prices/regions.js';
import { isPrepared, parseProfile, prepareProfile, prepareSlots, validatePrepared, type PreparedProfile } from '../../src/profile/parse.js';
import { markChanges, parseVary, runSweep, type SweepPoint, type SweepResult, type VaryAxis } from '../../src/model/whatif/sweep.js';
import { planRegion } from '../../src/model/plan.js';
import { testCatalogue } from '../helpers/catalogue.js';
import { runs } from '../helpers/depth.js';

const catalogue = testCatalogue();

function prepared(yaml: string): PreparedProfile {
  const p = prepareProfile(yaml, { file: 'p.yaml', regionCodes: REGION_CODES });
  if (!isPrepared(p)) throw new Error(JSON.stringify(p.issues));
  return p;
}

function axis(raw: string): VaryAxis {
  const a = parseVary(raw);
  if ('code' in a) throw new Error(a.message);
  return a;
}

function sweep(yaml: string, vary: string[], set: string[] = [], breakEven = false): SweepResult {
  const out = runSweep({ prepared: prepared(yaml), set, axes: vary.map(axis), catalogue, breakEven });
  if (!out.ok) throw new Error(JSON.stringify(out.issues, null, 1));
  return out.result;
}

const BASE = `version: 1
traffic:
  records_per_second: 1000
  peak_records_per_second: 1500
  record_size: 1KiB
  burstiness: none
stream:
  target_utilization: 0.8
`;

describe('prepared profiles', () => {
  it('validatePrepared gives what parseProfile gives, and leaves the prepared tree as read', () => {
    const p = prepared(BASE);
    const flags = ['traffic.records_per_second=1200', 'stream.mode=on-demand'];
    expect(validatePrepared(p, flags)).toEqual(parseProfile(BASE, { file: 'p.yaml', regionCodes: REGION_CODES, overrides: flags }));
    expect(validatePrepared(p, []).profile?.traffic.recordsPerSecond).toBe(1000);
  });

  it('slots give what validatePrepared gives, for numbers, words, new keys and list items', () => {
    const yaml = `${BASE}consumers:\n  - {name: a, type: lambda}\n`;
    const p = prepared(yaml);
    const paths = [
      ['traffic', 'records_per_second'],
      ['stream', 'mode'],
      ['consumers', 0, 'efo'],
      ['stream', 'retention'],
    ];
    const slots = prepareSlots(p, ['traffic.record_size=2KiB'], paths);
    for (const values of [
      ['1100', 'on-demand', 'true', '7d'],
      ['2e3', 'provisioned', 'false', '48h'],
      ['-5', 'sideways', 'maybe', '1y'],
    ]) {
      const flags = paths.map((path, i) => `${path.join('.')}=${values[i]}`);
      const viaSlots = slots.validate(values.map((text, i) => ({ text, raw: flags[i] as string })));
      expect(viaSlots).toEqual(validatePrepared(p, ['traffic.record_size=2KiB', ...flags]));
    }
  });
});

describe('runSweep', () => {
  it('one point per value, applied after --set, validated like the file', () => {
    const r = sweep(BASE, ['traffic.records_per_second=1000..4000:4'], ['traffic.record_size=2KiB']);
    expect(r.points.map((p) => p.at['traffic.records_per_second'])).toEqual([1000, 2000, 3000, 4000]);
    // The point equals `size` of the same profile (the peak follows the average at 1.5×).
    const third = parseProfile(BASE, {
      file: 'p.yaml',
      regionCodes: REGION_CODES,
      overrides: ['traffic.record_size=2KiB', 'traffic.records_per_second=3000', 'traffic.peak_records_per_second=4500'],
    });
    const size = planRegion(third.profile!, catalogue, 'us-east-1', { explain: false });
    const p = r.points[2] as SweepPoint;
    expect(p.shards).toBe(size.stream?.shards);
    expect(p.monthly_usd).toBeCloseTo(size.cost.monthly_usd!, 9);
    expect(p.binding_constraint).toBe(size.stream?.binding_constraint);
    expect(p.cheapest_mode).toBe(size.cheapest_mode);
    expect(p.modes['on-demand']?.monthly_usd).toBeCloseTo(size.alternatives.find((a) => a.mode === 'on-demand')!.monthly_usd!, 9);
    expect(r.axes[0]?.follows).toEqual([{ key: 'traffic.peak_records_per_second', ratio: 1.5 }]);
  });

  it('a grid: first axis fastest, one block per second-axis value', () => {
    const r = sweep(BASE, ['traffic.records_per_second=1000,2000,3000', 'stream.mode=provisioned,on-demand']);
    expect(r.points).toHaveLength(6);
    expect(r.points.map((p) => [p.at['traffic.records_per_second'], p.at['stream.mode']])).toEqual([
      [1000, 'provisioned'],
      [2000, 'provisioned'],
      [3000, 'provisioned'],
      [1000, 'on-demand'],
      [2000, 'on-demand'],
      [3000, 'on-demand'],
    ]);
  });

  it('an invalid point is marked, with issues that name --vary and the point', () => {
    const r = sweep(BASE, ['traffic.peak_records_per_second=500..2000:4']);
    const bad = r.points.filter((p) => !p.valid);
    expect(bad.map((p) => p.at['traffic.peak_records_per_second'])).toEqual([500]);
    expect(r.invalid_points).toBe(1);
    const i = bad[0]?.issues?.[0];
    expect(i?.code).toBe('inconsistent');
    expect(`${i?.message} ${i?.found ?? ''}`).toMatch(/--vary traffic\.peak_records_per_second=500\.\.2000:4, point traffic\.peak_records_per_second=500/);
    expect(r.points.slice(1).every((p) => p.valid)).toBe(true);
  });

  it('a key the profile does not have fails every point: issues, no result', () => {
    const out = runSweep({ prepared: prepared(BASE), set: [], axes: [axis('traffic.record_per_second=1..3:3')], catalogue });
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.issues[0]?.code).toBe('bad-vary');
    expect(out.issues.some((i) => i.code === 'unknown-key' && /records_per_second/.test(i.hint ?? ''))).toBe(true);
  });

  it('a bad --set fails the sweep with the --set issue', () => {
    const out = runSweep({ prepared: prepared(BASE), set: ['stream.mode=sideways'], axes: [axis('traffic.records_per_second=1..3:3')], catalogue });
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.issues[0]?.file).toBe('--set');
  });
});

describe('change markers', () => {
  it('mark the binding constraint where it changes (records → bytes as records grow)', () => {
    // 1,500 records/s at peak: write-records needs 2 shards at 80%; write-bytes needs 1, 2, 3, 5.
    const r = sweep(BASE.replace('record_size: 1KiB', 'record_size: 512B\n  partition_key_size: 1B'), ['traffic.record_size=256B,512B,1KiB,2KiB,3KiB']);
    expect(r.points.map((p) => p.binding_constraint)).toEqual(['write-records', 'write-records', 'write-bytes', 'write-bytes', 'write-bytes']);
    expect(r.points.map((p) => p.changes)).toEqual([[], [], [{ what: 'binding-constraint', from: 'write-records', to: 'write-bytes' }], [], []]);
  });

  it('mark the cheapest mode where it changes, along the first axis only, skipping invalid points', () => {
    const pt = (binding: string, cheapest: string | null, valid = true): SweepPoint =>
      ({ valid, binding_constraint: binding, cheapest_mode: cheapest, changes: [] }) as unknown as SweepPoint;
    const points = [
      pt('write-bytes', 'provisioned'),
      pt('write-bytes', 'provisioned'),
      pt('x', 'on-demand', false),
      pt('write-bytes', 'on-demand'),
      pt('hot-key', 'on-demand'),
      // second block: no change is carried over from the first
      pt('write-records', 'provisioned'),
      pt('write-records', 'provisioned'),
    ];
    markChanges(points, 5);
    expect(points.map((p) => p.changes.map((c) => `${c.what}:${c.from}>${c.to}`))).toEqual([
      [],
      [],
      [],
      ['cheapest-mode:provisioned>on-demand'],
      ['binding-constraint:write-bytes>hot-key'],
      [],
      [],
    ]);
  });
});

describe('monotonicity (fast-check)', () => {
  const arb = fc.record({
    rps: fc.integer({ min: 10, max: 20_000 }),
    factor: fc.double({ min: 1.05, max: 20, noNaN: true }),
    peak: fc.double({ min: 1, max: 4, noNaN: true }),
    bytes: fc.integer({ min: 1, max: 200_000 }),
    keys: fc.oneof(fc.constant<'random' | number>('random'), fc.integer({ min: 1, max: 100_000 })),
    skew: fc.double({ min: 0, max: 1.2, noNaN: true }),
    burstiness: fc.constantFrom('none', 'poisson', 'low', 'medium', 'high'),
    consumers: fc.integer({ min: 0, max: 3 }),
    efo: fc.boolean(),
    kpl: fc.boolean(),
    u: fc.double({ min: 0.3, max: 1, noNaN: true }),
    firehose: fc.boolean(),
  });
  type Case = typeof arb extends fc.Arbitrary<infer T> ? T : never;

  function profileYaml(x: Case): string {
    const consumers = Array.from({ length: x.consumers }, (_, i) => `  - {name: c${i}, type: lambda${i === 0 && x.efo ? ', efo: true' : ''}}`);
    return [
      'version: 1',
      'traffic:',
      `  records_per_second: ${x.rps}`,
      `  peak_records_per_second: ${Math.ceil(x.rps * x.peak)}`,
      `  record_size: ${x.bytes}`,
      `  partition_keys: ${x.keys}`,
      `  key_skew: ${x.keys === 'random' ? 0 : x.skew}`,
      `  burstiness: ${x.burstiness}`,
      x.kpl ? 'producer: {aggregation: kpl, producers: 4}' : '',
      `stream: {target_utilization: ${x.u}}`,
      consumers.length > 0 ? `consumers:\n${consumers.join('\n')}` : '',
      x.firehose ? 'firehose:\n  - {name: lake, destination: s3}' : '',
    ].join('\n');
  }

  function expectMonotone(x: Case): void {
    const top = Math.max(x.rps + 2, Math.ceil(x.rps * x.factor));
    const r = sweep(profileYaml(x), [`traffic.records_per_second=${x.rps}..${top}:3`]);
    const valid = r.points.filter((p) => p.valid);
    expect(valid).toHaveLength(3);
    for (let i = 1; i < valid.length; i++) {
      const a = valid[i - 1] as SweepPoint;
      const b = valid[i] as SweepPoint;
      expect(b.shards!).toBeGreaterThanOrEqual(a.shards!);
      for (const mode of ['provisioned', 'on-demand', 'on-demand-advantage'] as const) {
        expect(b.modes[mode]!.known_monthly_usd).toBeGreaterThanOrEqual(a.modes[mode]!.known_monthly_usd - 1e-6);
        expect(b.modes[mode]!.shards).toBeGreaterThanOrEqual(a.modes[mode]!.shards);
      }
    }
  }

  // Keeps the top of the sweep under ~300 MiB/s at peak, well below the 10,000-shard ceiling.
  const bounded = arb.map((x) => ({ ...x, bytes: Math.max(1, Math.min(x.bytes, Math.floor((300 * 1024 * 1024) / (x.rps * x.factor * x.peak)))) }));

  it('more traffic never costs less in any mode and never needs fewer shards', () => {
    fc.assert(fc.property(bounded, expectMonotone), { numRuns: runs(200) });
  }, 120_000);

  // Counterexamples once found for key counts (bisection over a closed form that wobbles, and
  // unreachable skew requirements dropping back): kept as regression tests.
  const base: Case = { rps: 10, factor: 1.2, peak: 1, bytes: 104_826, keys: 7, skew: 0, burstiness: 'high', consumers: 0, efo: false, kpl: false, u: 0.3, firehose: false };
  it('known: 7 keys, 100 KiB records, high burstiness: 10 → 12 records/s', () => {
    expectMonotone(base);
  });
  it('known: 1,000 keys, 110 KiB records, 3 consumers: 44 → 162 records/s', () => {
    expectMonotone({ ...base, rps: 44, factor: 3.6818181818181825, peak: 2.8409090909090913, bytes: 112_918, keys: 1000, burstiness: 'none', consumers: 3, firehose: true });
  });
  it('known: 20,000 keys, Zipf 1.19, 32 KiB records: 10 → 15 records/s', () => {
    expectMonotone({ ...base, rps: 10, factor: 1.5000000000000002, peak: 2.9000000000000004, bytes: 32_711, keys: 20_000, skew: 1.1901668745377671, burstiness: 'none' });
  });
  it('known: 20,000 keys, 1-byte records: 7,180 → 143,560 records/s', () => {
    expectMonotone({ ...base, rps: 7180, factor: 19.995821727019504, peak: 3.999860724233984, bytes: 1, keys: 20_000, burstiness: 'none' });
  });
});

describe('sweep points are the figures of `size`', () => {
  // Points skip explanations and warnings; every figure they keep must still be size's, to the bit,
  // except the write throttled fraction, whose byte tail a point may interpolate (never below
  // size's, at most 0.2% above: docs/whatif.md).
  const dir = new URL('../../profiles/', import.meta.url);
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()) {
    it(file, () => {
      const text = readFileSync(new URL(file, dir), 'utf8');
      const values = ['0.5', '0.9'];
      const out = runSweep({ prepared: prepared(text), set: [], axes: [axis(`stream.target_utilization=${values.join(',')}`)], catalogue, breakEven: false });
      if (!out.ok) throw new Error(JSON.stringify(out.issues));
      values.forEach((v, i) => {
        const parsed = parseProfile(text, { file: 'p.yaml', regionCodes: REGION_CODES, overrides: [`stream.target_utilization=${v}`] });
        const r = planRegion(parsed.profile!, catalogue, out.result.region, { explain: false });
        const p = out.result.points[i] as SweepPoint;
        expect(p.valid).toBe(true);
        expect(p.shards).toBe(r.stream?.shards ?? null);
        expect(p.binding_constraint).toBe(r.stream?.binding_constraint ?? null);
        expect(p.throttle_level).toBe(r.stream?.throttle.level ?? null);
        const exact = r.stream?.throttle.write_throttled_fraction_at_peak ?? null;
        if (exact === null || p.write_throttled_fraction === null) expect(p.write_throttled_fraction).toBe(exact);
        else {
          expect(p.write_throttled_fraction).toBeGreaterThanOrEqual(exact);
          expect(p.write_throttled_fraction).toBeLessThanOrEqual(exact * 1.002);
        }
        expect(p.monthly_usd).toBe(r.cost.monthly_usd);
        expect(p.unknown).toEqual(r.cost.unknown);
        expect(p.cheapest_mode).toBe(r.cheapest_mode ?? null);
        for (const a of r.alternatives) expect(p.modes[a.mode]?.monthly_usd).toBe(a.monthly_usd);
      });
    });
  }
});
