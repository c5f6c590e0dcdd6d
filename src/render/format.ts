// Number, money, size and percentage formatting shared by the human renderers. Pure and
// locale-independent: output is always en-US so golden files match on every machine.

import { formatBytes, formatFractionDigits, formatOneDecimal, formatSeconds, formatSignificantDigits, formatUsd } from '../units.js';
import { hasUnknown, knownMonthly, knownTotal, unknownLines } from '../report/cost.js';
import type { ConsumerReadReport } from '../model/stream/consumers.js';
import type { Alternative, CostItem, CostReport, FirehoseReport, RegionResult, Service, StreamReport } from '../report/types.js';

// Kept in units.ts (the budget checks format money too); the renderers import them from here.
export { formatBytes, formatSeconds, formatUsd };

/** Colour and emphasis; the table renderer backs it with chalk, the others with `plainStyle`. */
export interface Style {
  bold(text: string): string;
  dim(text: string): string;
  green(text: string): string;
  yellow(text: string): string;
  red(text: string): string;
  cyan(text: string): string;
}

const identity = (text: string): string => text;

/** A style that adds nothing (markdown, and tables without colour). */
export const plainStyle: Style = {
  bold: identity,
  dim: identity,
  green: identity,
  yellow: identity,
  red: identity,
  cyan: identity,
};

/** Utilisation bands: below `watch` is green, below `hot` yellow, at or above `hot` red. */
export const UTILIZATION_THRESHOLDS = { watch: 0.7, hot: 0.9 } as const;

export type Band = 'ok' | 'watch' | 'hot' | 'over';

/** Places a share of a limit in its band; `over` is at or above the limit itself. */
export function utilizationBand(share: number): Band {
  if (share >= 1) return 'over';
  if (share >= UTILIZATION_THRESHOLDS.hot) return 'hot';
  if (share >= UTILIZATION_THRESHOLDS.watch) return 'watch';
  return 'ok';
}

/** Words for a band, so the meaning survives without colour. */
export const BAND_LABEL: Record<Band, string> = {
  ok: 'ok',
  watch: 'watch',
  hot: 'near limit',
  over: 'over limit',
};

/** Colours a text by band: green ok, yellow watch, red near or over the limit. */
export function colorByBand(style: Style, band: Band, text: string): string {
  if (band === 'ok') return style.green(text);
  if (band === 'watch') return style.yellow(text);
  return style.red(text);
}

/** Colours a throttle level: none and low green, medium yellow, high red. */
export function colorThrottleLevel(style: Style, level: string, text = level): string {
  if (level === 'none' || level === 'low') return style.green(text);
  if (level === 'medium') return style.yellow(text);
  if (level === 'high') return style.red(text);
  return text;
}

/** Whole number with thousands separators: 17280000 → "17,280,000". */
export function formatInt(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  return formatFractionDigits(n, 0);
}

/** A billed quantity: integers grouped, fractions with fewer decimals as the value grows. */
export function formatQuantity(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Number.isInteger(n)) return formatFractionDigits(n, 0);
  const abs = Math.abs(n);
  if (abs >= 1000) return formatOneDecimal(n);
  if (abs >= 1) return formatFractionDigits(n, 2);
  return formatSignificantDigits(n, 3);
}

/** A rate or count that may be fractional ("1,234.5", "0.25"). */
export function formatRate(n: number): string {
  return formatQuantity(n);
}

/** Any number for people: integers grouped, others to six significant digits, tiny ones in e-notation. */
export function formatNumber(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Number.isInteger(n)) return formatFractionDigits(n, 0);
  if (Math.abs(n) < 1e-3) return Number(n.toPrecision(6)).toExponential().replace('e+', 'e');
  return formatSignificantDigits(n, 6);
}

/** Two significant digits in e-notation: 0.00049 → "4.9e-4". */
export function formatScientific(n: number): string {
  return n.toExponential(1).replace('e+', 'e');
}

/**
 * Money with an unknown part (docs/cost.md): "$43.80" when every item is priced, else
 * "≥ $43.80 + unknown (items)", or "unknown (items)" when nothing was priced ("$0.00" would read as zero).
 */
export function formatUsdWithUnknown(known: number, unknownItems: readonly string[], opts: { items?: boolean } = {}): string {
  if (unknownItems.length === 0) return formatUsd(known);
  // In a narrow table cell the items are listed next to it instead (opts.items false).
  const items = opts.items === false ? '' : ` (${unknownItems.join(', ')})`;
  return known === 0 ? `unknown${items}` : `≥ ${formatUsd(known)} + unknown${items}`;
}

/** A cost total for people: its known part with the unknown items named (unless `items` is false). */
export function formatCostTotal(cost: CostReport, key: 'monthly_usd' | 'daily_usd' | 'hourly_usd' = 'monthly_usd', opts: { items?: boolean } = {}): string {
  return formatUsdWithUnknown(knownTotal(cost, key), unknownItems(cost), opts);
}

/** The unpriced items of a cost, each once. */
export function unknownItems(cost: CostReport): string[] {
  return [...new Set<string>([...cost.unknown, ...unknownLines(cost).map((l) => l.item)])];
}

/** Unit price scales, smallest first: a price under $0.001 is shown per 1K, 1M or 1B units. */
const PRICE_SCALES: readonly { factor: number; label: string }[] = [
  { factor: 1e3, label: '1K' },
  { factor: 1e6, label: '1M' },
  { factor: 1e9, label: '1B' },
];
const SCALE_BELOW = 1e-3;

/** Up to four significant digits and at least two decimals: 0.015 → "0.015", 0.1 → "0.10", 29.2 → "29.20". */
function priceDigits(n: number): string {
  const text = formatSignificantDigits(n, 4);
  const dot = text.indexOf('.');
  if (dot === -1) return `${text}.00`;
  const decimals = text.length - dot - 1;
  return decimals < 2 ? `${text}${'0'.repeat(2 - decimals)}` : text;
}

/**
 * A unit price readable at any size. Prices of $0.001 and above print as they are ("$0.015");
 * smaller ones are scaled to the first of 1K, 1M, 1B units that brings them to $0.001 or more,
 * the way AWS quotes them: 0.000000014 → "$0.014 / 1M", 0.000005 → "$0.005 / 1K".
 */
export function formatUnitPrice(price: number): string {
  if (!Number.isFinite(price)) return String(price);
  if (price === 0) return '$0';
  if (Math.abs(price) < SCALE_BELOW) {
    for (const scale of PRICE_SCALES) {
      const scaled = price * scale.factor;
      if (Math.abs(scaled) >= SCALE_BELOW || scale === PRICE_SCALES[PRICE_SCALES.length - 1]) {
        return `$${priceDigits(scaled)} / ${scale.label}`;
      }
    }
  }
  return `$${priceDigits(price)}`;
}

/** A share as a percentage: 0.85 → "85.0%", 0.00049 → "0.049%", 0 → "0%". */
export function formatPercent(share: number): string {
  if (!Number.isFinite(share)) return String(share);
  if (share === 0) return '0%';
  const pct = share * 100;
  if (Math.abs(pct) >= 1) return `${pct.toFixed(1)}%`;
  return `${Number(pct.toPrecision(2)).toString()}%`;
}

/** A fraction that may be tiny: "4.9e-4 (0.049%)" below 1%, else "0.12 (12.0%)". */
export function formatFraction(share: number): string {
  if (!Number.isFinite(share)) return String(share);
  if (share === 0) return '0 (0%)';
  if (Math.abs(share) < 0.01) return `${formatScientific(share)} (${formatPercent(share)})`;
  return `${Number(share.toPrecision(2)).toString()} (${formatPercent(share)})`;
}

/** Bytes per second for people: "3.42 MiB/s". */
export function formatBytesPerSecond(bytesPerSecond: number): string {
  return `${formatBytes(bytesPerSecond)}/s`;
}

/** The cost item, with the delivery stream it belongs to when there is one. */
export function costItemLabel(line: { item: string; resource?: string | undefined }): string {
  return line.resource === undefined || line.resource === '' ? line.item : `${line.item} (${line.resource})`;
}

/** Scalar extra fields of an object, for generic key: value display; objects and arrays are left out. */
export function scalarExtras(record: Record<string, unknown>, known: readonly string[]): [string, string][] {
  const out: [string, string][] = [];
  for (const [key, value] of Object.entries(record)) {
    if (known.includes(key)) continue;
    if (typeof value === 'number') out.push([key, formatNumber(value)]);
    else if (typeof value === 'string') out.push([key, value]);
    else if (typeof value === 'boolean') out.push([key, value ? 'yes' : 'no']);
  }
  return out;
}

/** The fields of `ThrottleReport` every renderer already shows (the rest go through throttleFacts). */
export const THROTTLE_KNOWN_FIELDS = [
  'level',
  'write_throttled_fraction_at_peak',
  'read_throttled',
  'unfixable',
  'burstiness',
  'hot_shard_factor_p50',
  'hot_shard_factor_p95',
  'top_key_share',
  'records_limit_share',
  'bytes_limit_share',
  'expected_throttled_records_per_second_at_peak',
  'daily',
  'attribution',
  'simulation',
] as const;

interface Estimate {
  mean: number;
  ci95: [number, number];
}

const num = (x: unknown): number | undefined => (typeof x === 'number' && Number.isFinite(x) ? x : undefined);

/** The throttle report's detail fields as labelled sentences, for the human views. */
export function throttleFacts(t: Record<string, unknown>): [string, string][] {
  const out: [string, string][] = [];
  const b = t.burstiness as { level?: string; dispersion?: number } | undefined;
  if (b?.level) out.push(['burstiness', b.level === 'none' || b.level === 'poisson' ? b.level : `${b.level} (negative binomial k = ${formatNumber(b.dispersion ?? 0)})`]);
  const p50 = num(t.hot_shard_factor_p50);
  const p95 = num(t.hot_shard_factor_p95);
  const top = num(t.top_key_share);
  if (p50 !== undefined && p95 !== undefined) {
    out.push(['hot shard', `p50 ${formatFactor(p50)}, p95 ${formatFactor(p95)} over hash placements${top ? `; busiest key ${formatPercent(top)} of traffic` : ''}`]);
  }
  const rec = num(t.records_limit_share);
  const byt = num(t.bytes_limit_share);
  if (num(t.write_throttled_fraction_at_peak) && rec !== undefined && byt !== undefined) {
    out.push(['limit that throttles', `records ${formatPercent(rec)}, bytes ${formatPercent(byt)}, both ${formatPercent(Math.max(0, 1 - rec - byt))}`]);
  }
  const exp = num(t.expected_throttled_records_per_second_at_peak);
  const small = (x: number): string => (x > 0 && x < 0.01 ? x.toExponential(1) : formatNumber(x));
  if (exp !== undefined && exp > 0) out.push(['throttled records', `${small(exp)} per second at peak on the hottest shard (retried by producers)`]);
  const d = t.daily as Record<string, unknown> | undefined;
  if (d) {
    const pAny = num(d.p_any_throttle) ?? 0;
    out.push([
      'over the day',
      `P(any throttle) ${formatPercent(pAny)}; ≈${small(num(d.expected_throttled_records_per_day) ?? 0)} throttled records and retries per day; busiest UTC hour ${String(d.peak_hour)}`,
    ]);
  }
  const a = t.attribution as { cause: string; share: number }[] | undefined;
  if (Array.isArray(a) && a.length > 0) {
    out.push(['risk comes from', a.map((f) => `${f.cause} ${formatPercent(f.share)}`).join(', ')]);
  }
  const sim = t.simulation as Record<string, unknown> | undefined;
  if (sim && typeof sim.skipped === 'string') out.push(['simulated day', `not run: ${sim.skipped}`]);
  else if (sim) {
    const f = sim.throttled_shard_second_fraction as Estimate | undefined;
    const r = sim.retries_per_record as Estimate | undefined;
    const any = sim.p_any_throttle as Estimate | undefined;
    if (f) {
      out.push([
        'simulated day',
        `throttled shard-seconds ${formatFraction(f.mean)} (95% CI ${formatFraction(f.ci95[0])}–${formatFraction(f.ci95[1])})` +
          (r ? `, ${formatNumber(r.mean)} retries per record` : '') +
          (any ? `, P(any throttle) ${formatPercent(any.mean)}` : '') +
          `; seed ${String(sim.seed)}, ${String(sim.replicas)} replicas × ${String(sim.shards_simulated)} shards`,
      ]);
    }
  }
  return out;
}

/** Shards required without the `given` row: what kplan would recommend. */
export function recommendedShards(requirements: readonly { constraint: string; shards: number }[]): number | undefined {
  let best: number | undefined;
  for (const r of requirements) {
    if (r.constraint === 'given') continue;
    if (best === undefined || r.shards > best) best = r.shards;
  }
  return best;
}

/** The shard count in a cell: "~N" when on-demand estimates it. */
export function shardCount(stream: StreamReport): string {
  return stream.mode === 'provisioned' ? formatInt(stream.shards) : `~${formatInt(stream.shards)}`;
}

/** The shard line: given vs recommended, or the on-demand estimate. */
export function shardsText(stream: StreamReport): string {
  const recommended = recommendedShards(stream.requirements);
  if (stream.mode !== 'provisioned') return `~${formatInt(stream.shards)} (estimated, ${stream.mode} scales itself)`;
  if (stream.shards_given === null) return `${formatInt(stream.shards)} recommended`;
  const rec = recommended === undefined ? 'no recommendation' : `${formatInt(recommended)} recommended`;
  return `${formatInt(stream.shards_given)} given · ${rec}`;
}

/** Peak load in one line: records/s, Kinesis records/s after aggregation, bytes/s. */
export function peakText(stream: StreamReport): string {
  const p = stream.peak;
  return `${formatRate(p.records_per_second)} records/s · ${formatRate(p.kinesis_records_per_second)} Kinesis records/s · ${formatBytesPerSecond(p.bytes_per_second)}`;
}

/** "flush on size every 42 s · 2,057 objects/day · 64 MiB per object · ~45 s latency". */
export function firehoseCadence(fh: FirehoseReport): string {
  const objects = fh.objects_per_day >= 100 ? formatInt(fh.objects_per_day) : formatQuantity(fh.objects_per_day);
  return [
    `flush on ${fh.flush_trigger} every ${formatSeconds(fh.flush_seconds)}`,
    `${objects} objects/day`,
    `${formatBytes(fh.object_size_bytes)} per object`,
    `~${formatSeconds(fh.latency_seconds)} latency`,
  ].join(' · ');
}

/** The transformation step of a delivery stream, or null when it has none. */
export function firehoseTransformText(fh: FirehoseReport): string | null {
  const t = fh.transform;
  if (t === undefined) return null;
  const each = t.invocation_seconds === null ? 'idle' : `every ${formatSeconds(t.invocation_seconds)} (${t.trigger})`;
  return [
    `transform: ${formatInt(t.invocations_per_day)} invocations/day, ${each}`,
    `${formatBytes(t.bytes_per_invocation)} per invocation`,
    `runs ${formatSeconds(t.run_seconds)} at ${formatBytes(t.memory_bytes)} ${t.architecture}`,
    `${formatQuantity(t.gb_seconds_per_day)} GB-s/day`,
  ].join(' · ');
}

/** What the S3 bucket holds in the steady state, or null without `s3`. */
export function firehoseS3Text(fh: FirehoseReport): string | null {
  const s = fh.s3;
  if (s === undefined) return null;
  const kept = s.retention_days === null ? `kept forever (priced at ${s.horizon_days ?? 0} days)` : `kept ${s.retention_days} days`;
  const classes = s.classes.map((c) => `${c.class} ${formatQuantity(c.stored_gb)} GB`).join(', ');
  return `s3: ${formatQuantity(s.delivered_gb_per_day)} GB/day ${kept} · ${formatQuantity(s.stored_gb)} GB stored (${classes})`;
}

/** Utilisation rows in display order: label and share of the limit on the hottest shard. */
export function utilizationRows(stream: StreamReport): [string, number][] {
  const u = stream.utilization_at_peak;
  return [
    ['write bytes', u.write_bytes],
    ['write records', u.write_records],
    ['read bytes', u.read_bytes],
    ['read TPS', u.read_tps],
  ];
}

/** True when a region's total leaves out unpriced items. */
export function costHasUnknown(cost: CostReport): boolean {
  return hasUnknown(cost);
}

/** The service an item is billed under, from its name (docs/cost.md). */
export function serviceOf(item: CostItem): Service {
  if (item.startsWith('firehose-')) return 'firehose';
  if (item.startsWith('s3-')) return 's3';
  if (item.startsWith('lambda-')) return 'lambda';
  return 'kinesis';
}

/** Unknown items with their quantities where the model gave them, each item once. */
export function unknownCostLines(cost: CostReport): { service: Service; item: CostItem; label: string; quantity?: string }[] {
  const out: { service: Service; item: CostItem; label: string; quantity?: string }[] = [];
  const seen = new Set<string>();
  for (const u of unknownLines(cost)) {
    seen.add(u.item);
    out.push({ service: u.service, item: u.item, label: costItemLabel(u), quantity: `${formatQuantity(u.quantity)} ${u.unit}` });
  }
  for (const item of cost.unknown) {
    if (seen.has(item)) continue;
    seen.add(item);
    out.push({ service: serviceOf(item), item, label: item });
  }
  return out;
}

/** One row of the mode comparison: the current mode or an alternative. */
export interface ModeOption {
  mode: Alternative['mode'];
  /** Provisioned shards, or "~N" estimated for on-demand modes, or "—". */
  shards: string;
  /** The sum of the priced lines (the total when `unknown` is empty). */
  known_monthly_usd: number;
  /** Items without a price. */
  unknown: readonly string[];
  note: string;
  current: boolean;
  cheapest: boolean;
}

function optionShards(shards: number | null, estimated: unknown): string {
  if (shards !== null) return formatInt(shards);
  return typeof estimated === 'number' ? `~${formatInt(estimated)}` : '—';
}

/**
 * The current mode and its alternatives, with the cheapest marked. The model may list only the
 * other modes, so the current one is added from the region's own cost when missing. The cheapest
 * is the region's `cheapest_mode` when set (null: cannot tell), else an alternative's `cheapest`
 * flag, else the lowest fully priced option.
 */
export function modeOptions(region: RegionResult): ModeOption[] {
  const options: ModeOption[] = [];
  const stream = region.stream;
  if (stream !== null && !region.alternatives.some((a) => a.mode === stream.mode)) {
    options.push({
      mode: stream.mode,
      shards: shardCount(stream),
      known_monthly_usd: knownMonthly(region.cost),
      unknown: unknownItems(region.cost),
      note: 'as sized',
      current: true,
      cheapest: false,
    });
  }
  for (const a of region.alternatives) {
    options.push({
      mode: a.mode,
      shards: optionShards(a.shards, (a as unknown as Record<string, unknown>).estimated_shards),
      known_monthly_usd: typeof a.known_monthly_usd === 'number' ? a.known_monthly_usd : (a.monthly_usd ?? 0),
      unknown: a.unknown ?? [],
      note: a.note,
      current: a.mode === stream?.mode,
      cheapest: false,
    });
  }
  if (options.length === 0) return options;
  const declared = region.cheapest_mode;
  let pick: ModeOption | undefined;
  if (declared === null) pick = undefined;
  else if (typeof declared === 'string') pick = options.find((o) => o.mode === declared);
  else {
    const flagged = region.alternatives.find((a) => a.cheapest === true);
    if (flagged) pick = options.find((o) => o.mode === flagged.mode);
    else {
      for (const o of options) {
        if (o.unknown.length === 0 && (pick === undefined || o.known_monthly_usd < pick.known_monthly_usd)) pick = o;
      }
    }
  }
  if (pick) pick.cheapest = true;
  return options;
}

/** "$29.20" with the unknown marker a mode option needs. */
export function optionMonthly(o: ModeOption, opts: { items?: boolean } = {}): string {
  return formatUsdWithUnknown(o.known_monthly_usd, o.unknown, opts);
}

export interface RankedRegion {
  result: RegionResult;
  /** 1-based; null when the cost is incomplete and cannot be ranked. */
  rank: number | null;
  label: 'cheapest' | 'most expensive' | 'incomplete' | '';
}

/**
 * Regions by monthly cost, cheapest first. Regions with unpriced items go last, unranked:
 * their totals are lower bounds, so ranking them would mislead.
 */
export function rankRegions(results: readonly RegionResult[]): RankedRegion[] {
  const complete = results.filter((r) => !costHasUnknown(r.cost));
  const incomplete = results.filter((r) => costHasUnknown(r.cost));
  const byCost = (a: RegionResult, b: RegionResult): number => knownMonthly(a.cost) - knownMonthly(b.cost) || (a.region < b.region ? -1 : a.region > b.region ? 1 : 0);
  complete.sort(byCost);
  incomplete.sort(byCost);
  const ranked: RankedRegion[] = complete.map((result, i) => ({
    result,
    rank: i + 1,
    label: i === 0 ? 'cheapest' : i === complete.length - 1 ? 'most expensive' : '',
  }));
  for (const result of incomplete) ranked.push({ result, rank: null, label: 'incomplete' });
  return ranked;
}

/** Escapes text for markdown prose and table cells: pipes, angle brackets (no stray HTML), newlines. */
export function mdCell(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r?\n/g, ' ');
}

/** A markdown code span that survives a table cell (GFM still splits cells on `|` inside code). */
export function mdCode(text: string): string {
  const body = text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
  return body.includes('`') ? `\`\` ${body} \`\`` : `\`${body}\``;
}

/** A load factor such as the hot-shard factor, to two decimals: 1 → "1.00". */
export function formatFactor(n: number): string {
  return Number.isFinite(n) ? n.toFixed(2) : String(n);
}

/** Rows of the per-consumer read view (name, how it reads, polls, reads per shard, catch-up), or [] without consumers. */
export function consumerRows(stream: Readonly<Record<string, unknown>>): string[][] {
  const list = (stream.consumers as { list?: ConsumerReadReport[] } | undefined)?.list;
  if (!Array.isArray(list)) return [];
  return list.map((c) => {
    const catchUp =
      c.catch_up_seconds === null
        ? 'never: no spare read capacity'
        : `${formatSeconds(c.catch_up_seconds)} after a ${formatSeconds(c.outage_seconds)} outage` +
          (c.catch_up_sla_seconds !== null ? (c.catch_up_seconds <= c.catch_up_sla_seconds ? ' (meets SLA)' : ' (misses SLA)') : '');
    return [
      c.name,
      c.efo ? `${c.kind}, enhanced fan-out` : `${c.kind}, shared`,
      c.efo ? '—' : `${Number(c.polls_per_second.toPrecision(3))}/s`,
      `${formatBytes(c.read_bytes_per_second)}/s`,
      catchUp,
    ];
  });
}
