// The JSON Schema (`kplan schema`) says what kplan enforces: it compiles under Ajv's strict mode
// (draft 2020-12), accepts every profile kplan accepts, and refuses every profile kplan refuses
// wherever JSON Schema can say the rule; the rest are listed in the schema's description.

import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse as parseYaml } from 'yaml';
import { profileJsonSchema, CROSS_FIELD_RULES } from '../../src/profile/schema.js';
import { decimalAtMost, decimalBelow } from '../../src/profile/schema-ranges.js';
import { parseProfile } from '../../src/profile/parse.js';
import { REGION_CODES } from '../../src/prices/regions.js';
import { runs } from '../helpers/depth.js';

const ROOT = resolve(import.meta.dirname, '../..');
const ajv = new Ajv2020({ strict: true, allErrors: true });
const validate = ajv.compile(profileJsonSchema());

const schemaAccepts = (yaml: string) => validate(parseYaml(yaml));
function kplanAccepts(yaml: string): boolean {
  const r = parseProfile(new TextEncoder().encode(yaml), { file: 'p.yaml', overrides: [], regionCodes: REGION_CODES });
  return r.profile !== undefined && !r.issues.some((i) => i.severity === 'error');
}

const BASE = `version: 1
name: base
region: us-east-1
traffic:
  records_per_second: 1000
  peak_records_per_second: 3000
  record_size: { average: 1 KiB, p99: 6 KiB }
  partition_key_size: 36 B
stream:
  retention: 24h
consumers:
  - name: app
    type: lambda
firehose:
  - name: to-s3
    destination: s3
    buffer_size: 64 MiB
    buffer_interval: 300s
budgets:
  monthly_usd: { warn: 500, error: 1000 }
`;
const edit = (from: string, to: string) => {
  expect(BASE).toContain(from);
  return BASE.replace(from, to);
};

/** Profiles kplan refuses; `schema: true` where JSON Schema can say the rule. */
const REFUSED: { name: string; yaml: string; schema: boolean }[] = [
  { name: 'unknown Region', yaml: edit('region: us-east-1', 'region: us-east-9'), schema: true },
  { name: 'unknown Region in a list', yaml: edit('region: us-east-1', 'regions: [us-east-1, mars-1]'), schema: true },
  { name: 'daily_curve mean 2', yaml: edit('  partition_key_size: 36 B', `  partition_key_size: 36 B\n  daily_curve: [${Array(24).fill(2).join(', ')}]`), schema: false },
  { name: 'peak below average', yaml: edit('peak_records_per_second: 3000', 'peak_records_per_second: 500'), schema: false },
  { name: 'warn above error', yaml: edit('{ warn: 500, error: 1000 }', '{ warn: 2000, error: 1000 }'), schema: false },
  { name: 'retention 12 h', yaml: edit('retention: 24h', 'retention: 12h'), schema: true },
  { name: 'retention 25.5 h', yaml: edit('retention: 24h', 'retention: 25.5h'), schema: true },
  { name: 'retention 400 d', yaml: edit('retention: 24h', 'retention: 400d'), schema: true },
  { name: 'retention in seconds, not whole hours', yaml: edit('retention: 24h', 'retention: 90001'), schema: true },
  { name: 'p99 below average', yaml: edit('p99: 6 KiB', 'p99: 512 B'), schema: false },
  { name: '300 B partition key', yaml: edit('partition_key_size: 36 B', 'partition_key_size: 300 B'), schema: true },
  { name: '0 B partition key', yaml: edit('partition_key_size: 36 B', 'partition_key_size: 0 B'), schema: true },
  { name: '0 B record', yaml: edit('record_size: { average: 1 KiB, p99: 6 KiB }', 'record_size: 0 B'), schema: true },
  { name: '11 MiB record', yaml: edit('record_size: { average: 1 KiB, p99: 6 KiB }', 'record_size: 11 MiB'), schema: true },
  { name: '11 MiB p99', yaml: edit('p99: 6 KiB', 'p99: 11 MiB'), schema: true },
  { name: '200 MiB S3 buffer', yaml: edit('buffer_size: 64 MiB', 'buffer_size: 200 MiB'), schema: true },
  { name: '1000 s S3 interval', yaml: edit('buffer_interval: 300s', 'buffer_interval: 1000s'), schema: true },
  { name: 'custom consumer without polls_per_second', yaml: edit('type: lambda', 'type: custom'), schema: true },
  { name: 'budget of −5', yaml: edit('{ warn: 500, error: 1000 }', '-5'), schema: true },
  { name: 'throttle_rate: 5', yaml: edit('  monthly_usd: { warn: 500, error: 1000 }', '  throttle_rate: 5'), schema: true },
  { name: 'duplicate consumer names', yaml: edit('    type: lambda\n', '    type: lambda\n  - name: app\n    type: kcl\n'), schema: false },
  { name: 'a consumer and a delivery stream with one name', yaml: edit('name: to-s3', 'name: app'), schema: false },
  { name: 'size unit "1 kb"', yaml: edit('average: 1 KiB', 'average: 1 kb'), schema: true },
  { name: 'duration unit "5 M"', yaml: edit('retention: 24h', 'retention: 5 M'), schema: true },
  { name: 'duration unit "5 MS"', yaml: edit('buffer_interval: 300s', 'buffer_interval: 5 MS'), schema: true },
  { name: 'unknown stream mode', yaml: edit('  retention: 24h', '  retention: 24h\n  mode: fast'), schema: true },
  { name: 'target_utilization 1.5', yaml: edit('  retention: 24h', '  retention: 24h\n  target_utilization: 1.5'), schema: true },
  { name: 'kpl_billing: per-byte', yaml: edit('    destination: s3\n', '    destination: s3\n    kpl_billing: per-byte\n'), schema: true },
  { name: 'advantage_other_traffic in "20 Mib"', yaml: edit('  retention: 24h', '  retention: 24h\n  advantage_other_traffic: { in: 20 Mib }'), schema: true },
  { name: 'advantage_other_traffic with an unknown key', yaml: edit('  retention: 24h', '  retention: 24h\n  advantage_other_traffic: { inn: 20 MiB }'), schema: true },
  { name: 'advantage_other_traffic of -1', yaml: edit('  retention: 24h', '  retention: 24h\n  advantage_other_traffic: { out: -1 }'), schema: true },
  { name: 'region and regions together', yaml: edit('region: us-east-1', 'region: us-east-1\nregions: [us-east-1]'), schema: true },
];

describe('the profile JSON Schema under Ajv 2020 strict', () => {
  it('compiles in strict mode', () => {
    expect(typeof validate).toBe('function');
  });

  it('accepts the shipped profiles and the base profile, as kplan does', () => {
    for (const f of readdirSync(resolve(ROOT, 'profiles'))) {
      const yaml = readFileSync(resolve(ROOT, 'profiles', f), 'utf8');
      expect(kplanAccepts(yaml), f).toBe(true);
      expect(schemaAccepts(yaml), `${f}: ${ajv.errorsText(validate.errors)}`).toBe(true);
    }
    expect(kplanAccepts(BASE) && schemaAccepts(BASE)).toBe(true);
    const bases = edit('  retention: 24h', '  retention: 24h\n  mode: on-demand-advantage\n  advantage_other_traffic: { in: 20 MiB, out: 1048576 }').replace(
      '    destination: s3\n',
      '    destination: s3\n    kpl_billing: aggregated-records\n',
    );
    expect(kplanAccepts(bases), 'kplan accepts kpl_billing and advantage_other_traffic').toBe(true);
    expect(schemaAccepts(bases), ajv.errorsText(validate.errors)).toBe(true);
  });

  it.each(REFUSED)('$name: kplan refuses it; the schema too where JSON Schema can say it', ({ yaml, schema }) => {
    expect(kplanAccepts(yaml)).toBe(false);
    expect(schemaAccepts(yaml)).toBe(!schema);
  });

  it('lists the rules it cannot express in its description', () => {
    const s = profileJsonSchema() as { description: string };
    for (const rule of CROSS_FIELD_RULES) expect(s.description).toContain(rule);
    expect(s.description).toMatch(/daily_curve/);
    expect(s.description).toMatch(/unique/);
  });

  it('property: the schema never refuses a value kplan accepts, nor accepts one kplan refuses by a range it states', () => {
    const size = fc.tuple(
      fc.oneof(fc.nat(300), fc.nat(20_000_000), fc.double({ min: 0, max: 300, noNaN: true })),
      fc.constantFrom('', ' B', 'B', ' KiB', 'KB', ' MiB', ' MB', ' GiB', ' kb', ' Mib'),
    );
    const duration = fc.tuple(fc.oneof(fc.nat(1000), fc.double({ min: 0, max: 1000, noNaN: true })), fc.constantFrom('', 's', ' ms', 'm', ' h', 'd', ' M', 'MS', 'min'));
    const text = ([n, u]: [number, string]) => `"${Number(n.toFixed(3))}${u}"`;
    const field = fc.oneof(
      size.map((s) => ['partition_key_size: 36 B', `partition_key_size: ${text(s)}`] as const),
      size.map((s) => ['average: 1 KiB', `average: ${text(s)}`] as const),
      size.map((s) => ['p99: 6 KiB', `p99: ${text(s)}`] as const),
      size.map((s) => ['buffer_size: 64 MiB', `buffer_size: ${text(s)}`] as const),
      duration.map((d) => ['retention: 24h', `retention: ${text(d)}`] as const),
      duration.map((d) => ['buffer_interval: 300s', `buffer_interval: ${text(d)}`] as const),
    );
    fc.assert(
      fc.property(field, ([from, to]) => {
        const yaml = edit(from, to);
        const k = kplanAccepts(yaml);
        const s = schemaAccepts(yaml);
        // Sound: whatever kplan accepts, the schema accepts.
        if (k) expect(s, `${to}: ${ajv.errorsText(validate.errors)}`).toBe(true);
        // Complete for these single-field ranges, except where a cross-field rule decides.
        if (!k && s) expect(/p99|average|retention/.test(from), `${to} accepted by the schema only`).toBe(true);
      }),
      { numRuns: runs(2000) },
    );
  });

  it('decimalAtMost and decimalBelow match arithmetic', () => {
    for (const max of [256, 0.25, 10, 10240, 10_485_760, 128, 0.0009765625, 900, 8760, 1, 86_400]) {
      const re = new RegExp(`^${decimalAtMost(max)}$`);
      const below = new RegExp(`^${decimalBelow(max)}$`);
      fc.assert(
        fc.property(fc.nat(20_000_000), fc.nat(9999), fc.boolean(), fc.nat(2), (i, f, withFrac, lead) => {
          const t = `${'0'.repeat(lead)}${i}${withFrac ? `.${String(f).padStart(4, '0')}` : ''}`;
          expect(re.test(t), `${t} ≤ ${max}`).toBe(Number(t) <= max);
          expect(below.test(t), `${t} < ${max}`).toBe(Number(t) < max);
        }),
        { numRuns: runs(4000) },
      );
      for (const t of [String(max), `${max}.0`, `${max}.0001`]) expect(re.test(t), `${t} ≤ ${max}`).toBe(Number(t) <= max);
    }
  });
});
