import { describe, expect, test } from 'vitest';
import { BUDGET_NAMES, CONSUMER_KEYS, FIREHOSE_KEYS, PRODUCER_KEYS, STREAM_KEYS, TOP_KEYS, TRAFFIC_KEYS } from '../../src/profile/keys.js';
import type { KeyTable } from '../../src/profile/keys.js';
import { profileJsonSchema } from '../../src/profile/schema.js';
import { parseDurationText, parseSizeText } from '../../src/units.js';
import { MINIMAL, parse } from './helpers.js';

type S = Record<string, any>;

const schema = profileJsonSchema() as S;
const defs = schema.$defs as Record<string, S>;

function walk(node: unknown, visit: (n: S, path: string) => void, path = '#'): void {
  if (Array.isArray(node)) node.forEach((n, i) => walk(n, visit, `${path}/${i}`));
  else if (node !== null && typeof node === 'object') {
    visit(node as S, path);
    for (const [k, v] of Object.entries(node)) walk(v, visit, `${path}/${k}`);
  }
}

describe('profile JSON Schema', () => {
  test('draft 2020-12, closed top level, required keys', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.type).toBe('object');
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(['version', 'traffic']);
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
  });

  test('every property has a description; every $ref resolves', () => {
    let properties = 0;
    walk(schema, (n, path) => {
      if (n.properties && typeof n.properties === 'object' && !path.endsWith('/properties')) {
        for (const [key, prop] of Object.entries(n.properties as Record<string, S>)) {
          properties++;
          expect(typeof prop.description, `${path}/properties/${key}`).toBe('string');
        }
      }
      if (typeof n.$ref === 'string') expect(defs[n.$ref.replace('#/$defs/', '')], n.$ref).toBeDefined();
    });
    expect(properties).toBeGreaterThan(50);
  });

  test('sections list exactly the keys of the key table', () => {
    const cases: [string, KeyTable][] = [
      ['traffic', TRAFFIC_KEYS],
      ['producer', PRODUCER_KEYS],
      ['stream', STREAM_KEYS],
      ['consumer', CONSUMER_KEYS],
      ['firehose', FIREHOSE_KEYS],
    ];
    expect(Object.keys(schema.properties)).toEqual(Object.keys(TOP_KEYS));
    for (const [def, table] of cases) expect(Object.keys(defs[def]?.properties ?? {})).toEqual(Object.keys(table));
    expect(Object.keys(defs.budgets?.properties ?? {})).toEqual(BUDGET_NAMES);
  });

  test('defaults and ranges', () => {
    const t = defs.traffic?.properties as Record<string, S>;
    expect(t.peak_window?.default).toBe('60s');
    expect(t.burstiness?.default).toBe('medium');
    const st = defs.stream?.properties as Record<string, S>;
    expect(st.target_utilization).toMatchObject({ default: 0.8, exclusiveMinimum: 0, maximum: 1 });
    expect(st.max_throttle_rate).toMatchObject({ default: 1e-4, minimum: 0, exclusiveMaximum: 1 });
    expect(st.mode?.enum).toEqual(['provisioned', 'on-demand', 'on-demand-advantage', 'none']);
    expect(defs.size?.oneOf[1].pattern).toBeDefined();
  });

  test('the size and duration patterns accept what the parser accepts', () => {
    const size = new RegExp(defs.size?.oneOf[1].pattern);
    const duration = new RegExp(defs.duration?.oneOf[1].pattern);
    for (const s of ['1KiB', '1.5 KiB', '100MB', '2048', '3 GB', '5 B']) {
      expect(size.test(s), s).toBe(true);
      expect(parseSizeText(s), s).toBeDefined();
    }
    for (const s of ['10 parsecs', '-1KiB', 'KiB']) {
      expect(size.test(s), s).toBe(false);
      expect(parseSizeText(s), s).toBeUndefined();
    }
    for (const s of ['100ms', '60s', '5m', '24h', '7d', '90']) {
      expect(duration.test(s), s).toBe(true);
      expect(parseDurationText(s), s).toBeDefined();
    }
    expect(duration.test('5 fortnights')).toBe(false);
  });

  test('schema defaults are the defaults the parser applies', () => {
    const p = parse(MINIMAL).profile;
    const t = defs.traffic?.properties as Record<string, S>;
    const pr = defs.producer?.properties as Record<string, S>;
    const st = defs.stream?.properties as Record<string, S>;
    expect(parseDurationText(t.peak_window?.default)).toBe(p?.traffic.peakWindowSeconds);
    expect(parseSizeText(t.partition_key_size?.default)).toBe(p?.traffic.partitionKeyBytes);
    expect(t.key_skew?.default).toBe(p?.traffic.keySkew);
    expect(parseSizeText(pr.aggregation_max_size?.default)).toBe(p?.producer.aggregationMaxSizeBytes);
    expect(parseDurationText(pr.buffer_time?.default)).toBe(p?.producer.bufferTimeSeconds);
    expect(pr.producers?.default).toBe(p?.producer.producers);
    expect((parseDurationText(st.retention?.default) ?? 0) / 3600).toBe(p?.stream.retentionHours);
    expect(st.mode?.default).toBe(p?.stream.mode);
  });

  test('the validator knows every key the schema lists', () => {
    const probe = (src: string, extra: string[] = []) => parse(src, extra).issues.filter((i) => i.code === 'unknown-key');
    for (const key of Object.keys(TOP_KEYS)) expect(probe(MINIMAL, [`${key}=x`]), key).toEqual([]);
    for (const key of Object.keys(TRAFFIC_KEYS)) expect(probe(MINIMAL, [`traffic.${key}=x`]), key).toEqual([]);
    for (const key of Object.keys(PRODUCER_KEYS)) expect(probe(MINIMAL, [`producer.${key}=x`]), key).toEqual([]);
    for (const key of Object.keys(STREAM_KEYS)) expect(probe(MINIMAL, [`stream.${key}=x`]), key).toEqual([]);
    for (const key of Object.keys(CONSUMER_KEYS)) expect(probe(MINIMAL, [`consumers.0.${key}=x`]), key).toEqual([]);
    for (const key of Object.keys(FIREHOSE_KEYS)) expect(probe(MINIMAL, [`firehose.0.source=direct-put`, `firehose.0.${key}=x`]), key).toEqual([]);
    for (const key of BUDGET_NAMES) expect(probe(MINIMAL, [`budgets.${key}=x`]), key).toEqual([]);
    expect(probe(MINIMAL, ['traffic.nope=x'])).toHaveLength(1);
  });
});
