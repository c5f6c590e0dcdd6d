// The workload profile `kplan observe` writes: YAML text with a comment over every derived figure
// saying which metric, statistic and window it came from. Written by hand rather than through the
// yaml library so each comment sits exactly above its key.

import { UsageError } from '../errors.js';
import { LIMITS } from '../profile/keys.js';
import type { Derived, TrafficFigures } from './derive.js';
import { formatUtc } from './timestamp.js';

/** Per-second dispersion k at and above which minute data cannot tell the stream from Poisson. */
export const POISSON_K = 10_000;
/** The profile's smallest dispersion (profile.md: `{dispersion: k}` with k ≥ 0.1). */
const MIN_K = 0.1;

/** More polling readers than this cannot share a stream's 5 GetRecords/s per shard: the series disagree. */
const MAX_CONSUMERS = 100;

/** Six significant digits, no exponent for ordinary magnitudes. */
export function num(x: number): string {
  if (x === 0) return '0';
  const r = Number(x.toPrecision(6));
  return Math.abs(r) >= 1e-4 && Math.abs(r) < 1e15 ? String(r) : r.toExponential();
}

/** A YAML comment; provenance text never holds a newline, but input labels could: keep one line. */
function comment(indent: string, text: string): string {
  return `${indent}# ${text.replace(/[\r\n]+/g, ' ')}`;
}

/** A YAML double-quoted scalar (names come from labels: treat them as hostile). */
function quote(s: string): string {
  return JSON.stringify(s);
}

/** The burstiness value for a dispersion estimate, or undefined to keep the profile's default. */
export function burstinessYaml(k: number | null): string | undefined {
  if (k === null) return undefined;
  if (!Number.isFinite(k) || k >= POISSON_K) return 'poisson';
  return `{dispersion: ${num(Math.max(MIN_K, Number(k.toPrecision(3))))}}`;
}

function trafficLines(t: TrafficFigures, indent: string, keys: Derived['keys']): string[] {
  const out: string[] = [];
  const add = (provenance: string, line: string) => out.push(comment(indent, provenance), `${indent}${line}`);
  if (!(t.recordsPerSecond.value > 0)) {
    throw new UsageError([
      {
        code: 'bad-metrics',
        severity: 'error',
        message: `${t.source}: no records in the window: a profile needs a rate above zero`,
        hint: 'export a window in which the stream carried traffic',
      },
    ]);
  }
  const bad = (message: string, hint: string): never => {
    throw new UsageError([{ code: 'bad-metrics', severity: 'error', message: `${t.source}: ${message}`, hint }]);
  };
  if (t.peakRecordsPerSecond.value > LIMITS.maxRecordsPerSecond)
    bad(`a rate of ${num(t.peakRecordsPerSecond.value)} records/s is beyond any stream`, 'check the values: are they Sum per period?');
  const sizeBytes = Math.round(t.recordSizeBytes!.value);
  if (sizeBytes > LIMITS.maxRecordBytes) {
    bad(
      `IncomingBytes ÷ IncomingRecords gives ${num(sizeBytes)} B per record, above the 10 MiB Kinesis maximum`,
      'the two series do not describe the same traffic (another stream, statistic or unit?)',
    );
  }
  add(t.recordsPerSecond.provenance, `records_per_second: ${num(t.recordsPerSecond.value)}`);
  add(t.peakRecordsPerSecond.provenance, `peak_records_per_second: ${num(t.peakRecordsPerSecond.value)}`);
  out.push(`${indent}peak_window: 60s`);
  add(t.recordSizeBytes!.provenance, `record_size: ${Math.max(1, sizeBytes)}`);
  if (keys) {
    add(keys.provenance, `partition_keys: ${keys.value.kind === 'random' ? 'random' : keys.value.count}`);
  }
  const b = burstinessYaml(t.dispersion.value);
  if (b === undefined) out.push(comment(indent, t.dispersion.provenance));
  else add(t.dispersion.provenance, `burstiness: ${b}`);
  if (t.dailyCurve.value === null) out.push(comment(indent, t.dailyCurve.provenance));
  else add(t.dailyCurve.provenance, `daily_curve: [${t.dailyCurve.value.map(num).join(', ')}]`);
  return out;
}

/** The profile text. Throws UsageError when the figures cannot make a valid profile. */
export function profileYaml(d: Derived, files: readonly string[]): string {
  const lines: string[] = [];
  const t = d.stream;
  lines.push(`# Workload profile derived by \`kplan observe\` from CloudWatch metrics: ${files.join(', ')}`.replace(/[\r\n]+/g, ' '));
  if (t) {
    lines.push(
      `# Window ${formatUtc(t.startMs)} – ${formatUtc(t.endMs)}: ${t.periods} periods of ${t.periodSeconds} s with data, ${t.missingPeriods} without${t.partialLastLeftOut ? ', a partly filled last period left out' : ''}.`,
    );
  }
  lines.push('# Not in the metrics, so not set here: the Region, KPL aggregation, a p99 record size, consumer types. Check them.');
  lines.push('version: 1');
  lines.push(`name: ${quote(d.streamName ?? d.firehose[0]?.name ?? 'observed-stream')}`);
  const direct = !t ? d.firehose.find((f) => f.traffic !== null) : undefined;
  lines.push('traffic:');
  if (t) lines.push(...trafficLines(t, '  ', d.keys));
  else if (direct?.traffic) lines.push(...trafficLines(direct.traffic, '  ', null));
  lines.push('stream:');
  if (!t) {
    lines.push('  # no AWS/Kinesis metrics: Firehose Direct PUT only', '  mode: none');
  } else {
    lines.push('  mode: provisioned');
    if (d.shards && d.shards.value > LIMITS.maxShards) {
      throw new UsageError([
        {
          code: 'bad-metrics',
          severity: 'error',
          message: `${d.shards.value} shard-level series: more than the ${LIMITS.maxShards} shards a stream can have`,
          hint: 'observe one stream at a time',
        },
      ]);
    }
    if (d.shards) lines.push(comment('  ', `shard count: ${d.shards.provenance}`), `  shards: ${d.shards.value}`);
    else lines.push('  # shard count unknown (no --shards, no shard-level metrics): kplan sizes the stream');
  }
  if (d.consumers) {
    if (d.consumers.value > MAX_CONSUMERS) {
      throw new UsageError([
        {
          code: 'bad-metrics',
          severity: 'error',
          message: `GetRecords.Records is ${d.consumers.value}× IncomingRecords: more readers than a stream serves`,
          hint: 'check that both series are Sum of the same stream',
        },
      ]);
    }
    lines.push(comment('', d.consumers.provenance));
    if (d.consumers.value === 0) lines.push('consumers: []');
    else {
      lines.push('consumers:');
      for (let i = 1; i <= d.consumers.value; i++) lines.push(`  - name: consumer-${i}`, '    type: kcl');
    }
  }
  if (d.firehose.length > 0) {
    lines.push('firehose:');
    for (const f of d.firehose) {
      lines.push(`  - name: ${quote(f.name)}`);
      const source = f === direct ? 'direct-put' : !t ? 'direct-put' : f.source.value;
      lines.push(comment('    ', f.source.provenance), `    source: ${source}`);
      lines.push(comment('    ', `${f.destination.provenance}; buffering hints are not in the metrics (destination defaults)`), `    destination: ${f.destination.value}`);
      if (source === 'direct-put' && f.traffic && f !== direct) {
        lines.push('    traffic:', ...trafficLines(f.traffic, '      ', null));
      }
    }
  }
  return lines.join('\n') + '\n';
}
