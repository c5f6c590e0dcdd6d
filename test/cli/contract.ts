// Checks a report object against the report contract (src/report/types.ts): every field, with its type.

import type { Report } from '../../src/report/types.js';

const CONSTRAINTS = new Set([
  'write-bytes',
  'write-records',
  'read-bytes',
  'read-tps',
  'efo-consumers',
  'hot-key',
  'throttle-rate',
  'on-demand-doubling',
  'catch-up',
  'minimum',
  'given',
]);
const ITEMS: Record<string, string> = {
  'shard-hours': 'kinesis',
  'put-payload-units': 'kinesis',
  'extended-retention': 'kinesis',
  'long-term-retention': 'kinesis',
  'efo-consumer-shard-hours': 'kinesis',
  'efo-data': 'kinesis',
  'on-demand-stream-hours': 'kinesis',
  'on-demand-data-in': 'kinesis',
  'on-demand-data-out': 'kinesis',
  'on-demand-efo-data': 'kinesis',
  'advantage-data-in': 'kinesis',
  'advantage-data-out': 'kinesis',
  'firehose-ingestion': 'firehose',
  'firehose-format-conversion': 'firehose',
  'firehose-vpc-data': 'firehose',
  'firehose-vpc-az-hours': 'firehose',
  'firehose-dynamic-partitioning-data': 'firehose',
  'firehose-dynamic-partitioning-objects': 'firehose',
  'firehose-jq-hours': 'firehose',
  's3-put-requests': 's3',
  's3-get-requests': 's3',
  's3-storage': 's3',
  'lambda-requests': 'lambda',
  'lambda-duration': 'lambda',
};
const MODES = new Set(['provisioned', 'on-demand', 'on-demand-advantage']);

/** Returns the contract violations of a report (empty = conforms). */
export function contractViolations(r: Report): string[] {
  const bad: string[] = [];
  const check = (ok: boolean, what: string) => void (ok || bad.push(what));
  const num = (x: unknown) => typeof x === 'number' && Number.isFinite(x);
  check(r.schema_version === 1, 'schema_version');
  check(typeof r.kplan_version === 'string', 'kplan_version');
  check(typeof r.profile?.name === 'string' && typeof r.profile?.file === 'string', 'profile');
  check(/^\d{4}-\d{2}-\d{2}$/.test(r.prices?.as_of ?? ''), 'prices.as_of');
  check(typeof r.prices?.source === 'string', 'prices.source');
  check(Array.isArray(r.results) && r.results.length > 0, 'results');
  for (const [i, res] of r.results.entries()) {
    const at = `results[${i}]`;
    check(typeof res.region === 'string', `${at}.region`);
    const s = res.stream;
    if (s !== null) {
      check(MODES.has(s.mode), `${at}.stream.mode`);
      check(Number.isInteger(s.shards) && s.shards >= 1, `${at}.stream.shards`);
      check(s.shards_given === null || Number.isInteger(s.shards_given), `${at}.stream.shards_given`);
      check(CONSTRAINTS.has(s.binding_constraint), `${at}.stream.binding_constraint`);
      for (const q of s.requirements) check(CONSTRAINTS.has(q.constraint) && Number.isInteger(q.shards) && typeof q.detail === 'string', `${at}.stream.requirements`);
      check(num(s.peak.records_per_second) && num(s.peak.kinesis_records_per_second) && num(s.peak.bytes_per_second), `${at}.stream.peak`);
      check(num(s.hot_shard_factor) && s.hot_shard_factor >= 1, `${at}.stream.hot_shard_factor`);
      for (const k of ['write_bytes', 'write_records', 'read_bytes', 'read_tps'] as const) check(num(s.utilization_at_peak[k]), `${at}.stream.utilization_at_peak.${k}`);
      check(['none', 'low', 'medium', 'high'].includes(s.throttle.level), `${at}.stream.throttle.level`);
      check(
        num(s.throttle.write_throttled_fraction_at_peak) && s.throttle.write_throttled_fraction_at_peak >= 0 && s.throttle.write_throttled_fraction_at_peak <= 1,
        `${at}.stream.throttle.write_throttled_fraction_at_peak`,
      );
      check(typeof s.throttle.read_throttled === 'boolean', `${at}.stream.throttle.read_throttled`);
      check(Array.isArray(s.throttle.unfixable), `${at}.stream.throttle.unfixable`);
      check(Array.isArray(s.warnings) && s.warnings.every((w) => typeof w.code === 'string' && typeof w.message === 'string'), `${at}.stream.warnings`);
    }
    for (const f of res.firehose) {
      check(typeof f.name === 'string', `${at}.firehose.name`);
      check(num(f.flush_seconds) && f.flush_seconds > 0, `${at}.firehose.flush_seconds`);
      check(f.flush_trigger === 'size' || f.flush_trigger === 'interval', `${at}.firehose.flush_trigger`);
      check(num(f.objects_per_day) && num(f.object_size_bytes) && num(f.latency_seconds), `${at}.firehose numbers`);
      check(Array.isArray(f.warnings), `${at}.firehose.warnings`);
    }
    const c = res.cost;
    // Unknown stays unknown: a line without a price keeps its quantity with null prices, and the
    // totals are null while known_monthly_usd sums the priced lines.
    const unpriced = c.lines.filter((l) => l.monthly_usd === null);
    for (const l of c.lines) {
      check(ITEMS[l.item] === l.service, `${at}.cost.lines item ${l.item} / ${l.service}`);
      const priced = num(l.unit_price_usd) && num(l.monthly_usd);
      const unknown = l.unit_price_usd === null && l.monthly_usd === null && c.unknown.includes(l.item);
      check(num(l.quantity) && l.quantity > 0 && (priced || unknown) && typeof l.unit === 'string', `${at}.cost.lines ${l.item}`);
    }
    const sum = c.lines.reduce((a, l) => a + (l.monthly_usd ?? 0), 0);
    check(num(c.known_monthly_usd) && Math.abs(sum - c.known_monthly_usd) <= 1e-6, `${at}.cost lines sum to known_monthly_usd`);
    if (unpriced.length === 0 && c.unknown.length === 0) {
      check(num(c.hourly_usd) && num(c.daily_usd) && num(c.monthly_usd), `${at}.cost totals`);
      check(Math.abs(sum - (c.monthly_usd ?? NaN)) <= 1e-6, `${at}.cost lines sum to monthly_usd`);
      check(Math.abs((c.hourly_usd ?? NaN) - (c.monthly_usd ?? NaN) / 730) <= 1e-9, `${at}.cost.hourly_usd = monthly / 730`);
    } else {
      check(c.hourly_usd === null && c.daily_usd === null && c.monthly_usd === null, `${at}.cost totals null with unknown lines`);
    }
    check(Array.isArray(c.unknown) && c.unknown.every((u) => u in ITEMS), `${at}.cost.unknown`);
    for (const a of res.alternatives) {
      const money = (a.unknown ?? []).length > 0 ? a.monthly_usd === null && num(a.known_monthly_usd) : num(a.monthly_usd) && a.monthly_usd === a.known_monthly_usd;
      check(MODES.has(a.mode) && money && typeof a.note === 'string' && (a.shards === null || Number.isInteger(a.shards)), `${at}.alternatives`);
    }
  }
  return bad;
}
