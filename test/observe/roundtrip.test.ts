// Round trip: a profile → a seeded per-second generator of its traffic → 1-minute CloudWatch sums
// (the JSON the AWS CLI prints) → `kplan observe` → the original profile's figures, within stated
// tolerances; and the profile observe writes runs through `kplan size` unchanged.

import { describe, expect, it } from 'vitest';
import { parseProfile } from '../../src/profile/parse.js';
import { REGION_CODES } from '../../src/prices/regions.js';
import { runCli } from '../helpers/io.js';
import { exportOf, synthesize, type SynthSpec } from './synth.js';

const ORIGINAL = `
version: 1
name: roundtrip
traffic:
  records_per_second: 1200
  peak_records_per_second: 1823
  record_size: 1.5 KiB
  partition_keys: random
  burstiness: {dispersion: 30}
  daily_curve: [0.506, 0.456, 0.405, 0.405, 0.456, 0.557, 0.759, 1.013, 1.266, 1.418, 1.468, 1.52,
                1.519, 1.468, 1.418, 1.418, 1.367, 1.316, 1.215, 1.063, 0.911, 0.81, 0.709, 0.557]
stream:
  shards: 6
consumers:
  - {name: a, type: lambda}
  - {name: b, type: kcl}
`;

const profile = parseProfile(ORIGINAL, { file: 'original.yaml', regionCodes: REGION_CODES }).profile!;
const t = profile.traffic;
const spec: SynthSpec = {
  seed: 99,
  recordsPerSecond: t.recordsPerSecond,
  dailyCurve: t.dailyCurve,
  dispersion: t.burstiness.dispersion,
  recordBytes: t.recordSize.averageBytes,
  shards: profile.stream.shards!,
  keys: null,
  startMs: Date.UTC(2026, 10, 20),
  seconds: 4 * 86_400,
  readers: profile.consumers.length,
};
const truth = synthesize(spec);
const EXPORT = exportOf(spec, truth, { shardLevel: true, stream: 'roundtrip' });

describe('profile → generator → CloudWatch sums → observe → profile', async () => {
  const r = await runCli(['observe', 'metrics.json', '--output', 'observed.yaml'], { files: { 'metrics.json': EXPORT }, disk: false });
  const written = r.io.files.get(resolveOut('observed.yaml')) as string;

  it('runs and writes the profile', () => {
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(written).toMatch(/^version: 1$/m);
  });

  const back = parseProfile(written, { file: 'observed.yaml', regionCodes: REGION_CODES });
  const o = back.profile!;

  it('the written profile is valid, without warnings beyond the defaults', () => {
    expect(back.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(o.name).toBe('roundtrip');
  });

  it('records_per_second within 1% (the curve has mean 1 after its ±1% scaling)', () => {
    expect(Math.abs(o.traffic.recordsPerSecond / t.recordsPerSecond - 1)).toBeLessThan(0.01);
  });

  it('record_size exact (fixed sizes: ΣBytes ÷ ΣRecords)', () => {
    expect(o.traffic.recordSize.averageBytes).toBe(t.recordSize.averageBytes);
  });

  it('daily_curve: every hour within 0.03 of the original', () => {
    o.traffic.dailyCurve!.forEach((v, h) => expect(Math.abs(v - t.dailyCurve![h]!)).toBeLessThan(0.03));
  });

  it('burstiness: dispersion k within 20% of the original', () => {
    expect(o.traffic.burstiness.level).toBe('custom');
    expect(o.traffic.burstiness.dispersion / t.burstiness.dispersion).toBeGreaterThan(0.8);
    expect(o.traffic.burstiness.dispersion / t.burstiness.dispersion).toBeLessThan(1.2);
  });

  it('peak: the busiest minute is at or above the curve peak, within 12% above it (minute noise over 4 days)', () => {
    const curvePeak = Math.max(...t.dailyCurve!) * t.recordsPerSecond;
    expect(o.traffic.peakRecordsPerSecond / curvePeak).toBeGreaterThan(1);
    expect(o.traffic.peakRecordsPerSecond / curvePeak).toBeLessThan(1.12);
    expect(o.traffic.peakWindowSeconds).toBe(60);
  });

  it('keys random, shards from the shard-level series, readers = consumers', () => {
    expect(o.traffic.partitionKeys).toEqual({ kind: 'random' });
    expect(o.stream.shards).toBe(6);
    expect(o.consumers).toHaveLength(2);
  });

  it('kplan size runs on the written profile unchanged', async () => {
    const s = await runCli(['size', 'observed.yaml', '--format', 'json'], { files: { 'observed.yaml': written }, disk: false });
    expect(s.stderr).toBe('');
    expect(s.code).toBe(0);
    const report = JSON.parse(s.stdout) as { results: { stream: { shards: number } }[] };
    expect(report.results[0]!.stream.shards).toBe(6);
  });

  it('without --output, standard output is itself a profile kplan size reads (the report rides along as comments)', async () => {
    const s = await runCli(['observe', 'metrics.json'], { files: { 'metrics.json': EXPORT }, disk: false });
    expect(s.code).toBe(0);
    expect(s.stdout).toMatch(/^# Backtest {2}6 shards/m);
    const size = await runCli(['size', '-', '--format', 'json'], { stdin: s.stdout, disk: false });
    expect(size.stderr).toBe('');
    expect(size.code).toBe(0);
  });
});

function resolveOut(p: string): string {
  // The fake Io resolves nothing; the command resolves against cwd (the repository root).
  return new URL(`../../${p}`, import.meta.url).pathname;
}
