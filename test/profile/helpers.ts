import { expect } from 'vitest';
import type { Issue, IssueCode } from '../../src/errors.js';
import { parseProfile } from '../../src/profile/parse.js';
import type { ParseResult } from '../../src/profile/parse.js';
import { REGION_CODES } from '../../src/prices/regions.js';

export const MINIMAL = 'version: 1\ntraffic: {records_per_second: 100, record_size: 1KiB}\n';

export function parse(src: string | Uint8Array, overrides: string[] = [], file = 'p.yaml', maxBytes?: number): ParseResult {
  return parseProfile(src, { file, regionCodes: REGION_CODES, overrides, ...(maxBytes !== undefined ? { maxBytes } : {}) });
}

export function errors(r: ParseResult): Issue[] {
  return r.issues.filter((i) => i.severity === 'error');
}

/** The one error with this code; fails the test when there is none or several. */
export function theError(r: ParseResult, code: IssueCode): Issue {
  const found = errors(r).filter((i) => i.code === code);
  expect(found, `errors with code ${code} in ${JSON.stringify(r.issues, null, 1)}`).toHaveLength(1);
  expect(r.profile).toBeUndefined();
  return found[0] as Issue;
}

/** Asserts an error's code, path and 1-based line:col. */
export function expectIssue(r: ParseResult, code: IssueCode, path: string | undefined, line: number, col: number): Issue {
  const i = theError(r, code);
  expect(i.path).toBe(path);
  expect(i.position).toEqual({ line, col });
  expect(i.file).toBe('p.yaml');
  return i;
}

/** A full, valid profile using every key, for mutation and round-trip tests. */
export const FULL = `version: 1
name: orders
regions: [us-east-1, eu-west-1]
traffic:
  records_per_second: 2000
  peak_records_per_second: 5000
  peak_window: 60s
  record_size: {average: 2KiB, p99: 16KiB}
  partition_key_size: 36 B
  partition_keys: 5000
  key_skew: 0.8
  burstiness: {dispersion: 25}
  daily_curve: [0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.8, 1, 1.2, 1.4, 1.5, 1.5, 1.5, 1.5, 1.4, 1.3, 1.2, 1.1, 1, 1, 0.9, 0.8, 1.0, 0.9]
producer:
  aggregation: kpl
  aggregation_max_size: 50KiB
  producers: 20
  buffer_time: 100ms
stream:
  mode: provisioned
  shards: auto
  retention: 7d
  target_utilization: 0.75
  max_throttle_rate: 0.001
consumers:
  - name: enricher
    type: lambda
  - name: analytics
    type: kcl
    efo: true
    catch_up: 1h
  - name: audit
    type: custom
    polls_per_second: 0.5
firehose:
  - name: to-s3
    destination: s3
    buffer_size: 128MiB
    buffer_interval: 300s
    compression: gzip
    format_conversion: parquet
    dynamic_partitioning: {partitions: 20, jq: true}
  - name: direct
    source: direct-put
    destination: http
    vpc: {subnets: 3}
    traffic:
      records_per_second: 50
      peak_records_per_second: 80
      record_size:
        - {size: 512, share: 0.5}
        - {size: 4KiB, share: 0.5}
budgets:
  monthly_usd: {warn: 800, error: 1000}
  shards: 40
  throttle_rate: {error: 0.001}
`;
