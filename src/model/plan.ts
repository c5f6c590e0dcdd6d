// The model's entry: Profile + price catalogue → Report. Pure: no IO, no process, no console.

import type { Profile, StreamMode } from '../profile/types.js';
import { unpricedReason } from '../prices/regions.js';
import type { PriceCatalogue } from '../prices/types.js';
import type { Alternative, Explanation, FirehoseReport, RegionResult, Report, StreamReport, ThrottleReport, Unfixable, Warning } from '../report/types.js';
import { KPLAN_VERSION } from '../version.js';
import { MIB, formatLocaleNumber, formatUsd } from '../units.js';
import { costReport, priceLines, type LineDraft, type PricedLines } from './cost/pricing.js';
import { ON_DEMAND_MAX_WRITE_BYTES_PER_SECOND, kinesisDrafts, onDemandShardEstimate } from './cost/kinesis.js';
import { MAX_SHARDS, fmt, mib, peakFlow, pct, sizeShards, utilizationAt, type RiskModel, type ShardCountResult } from './stream/sizing.js';
import { modelProfileFirehose } from './firehose/delivery.js';
import { aggregatedIngestionGiB, kplBasisMatters, withKplBillingBasis } from './cost/kpl-basis.js';
import { consumerReads } from './stream/consumers.js';
import { buildRiskModel, throttleDetails, type RiskOptions } from './stream/risk-model.js';
import { breakEven } from './whatif/breakeven.js';
import { hashKeys, type OnProgress } from './risk/placement.js';
import { buildSchedule } from './whatif/schedule.js';

export interface PlanOptions {
  /** Include `explain` entries in each region result. */
  explain: boolean;
  risk?: RiskOptions;
  /** Break-even and the scaling schedule (default on; `sweep` turns them off per point). */
  whatIf?: boolean;
  /**
   * Warnings (default on). `sweep` points keep only counts, levels and costs, so they skip the
   * Firehose warnings and the skew-cost comparison; their result's Firehose warning lists are empty.
   */
  warnings?: boolean;
  /**
   * Progress of the work on a listed key list (`traffic.partition_keys: [...]`): `hash` while the
   * keys are hashed (keys done of all), `scan` during each search over shard counts (counts tried of
   * the counts it may try). Called at most ~100 times per pass; the report does not depend on it.
   */
  onKeys?: (stage: KeyStage, done: number, total: number) => void;
}

/** The stages of the listed-key work that report progress. */
export type KeyStage = 'hash' | 'scan';

const MODES: readonly StreamMode[] = ['provisioned', 'on-demand', 'on-demand-advantage'];

/** Regions to compute: the profile's, with `all` expanded to every region the catalogue prices. */
export function resolveRegions(profile: Profile, catalogue: PriceCatalogue): string[] {
  if (profile.regions.includes('all')) return Object.keys(catalogue.regions).sort();
  return profile.regions;
}

/** Computes the whole report. */
export function plan(profile: Profile, catalogue: PriceCatalogue, options: PlanOptions): Report {
  const regions = resolveRegions(profile, catalogue);
  const results = regions.map((r) => planRegion(profile, catalogue, r, options));
  const report: Report = {
    schema_version: 1,
    kplan_version: KPLAN_VERSION,
    profile: { name: profile.name, file: profile.file },
    prices: { as_of: catalogue.as_of, source: catalogue.source },
    results,
  };
  if (profile.warnings.length > 0) report.warnings = profile.warnings.map((w) => ({ code: w.code, message: w.path ? `${w.path}: ${w.message}` : w.message }));
  return report;
}

interface ModeEvaluation {
  mode: StreamMode;
  sizing: ShardCountResult;
  drafts: LineDraft[];
  explain: Explanation[];
}

/** Sizes and prices one capacity mode. */
function evaluateMode(profile: Profile, mode: StreamMode, risk: RiskModel, withExplain: boolean, onScan?: OnProgress): ModeEvaluation {
  const sizing = sizeShards(profile, mode, risk, withExplain, onScan);
  let shards = sizing.shards;
  if (mode === 'provisioned') {
    const cost = kinesisDrafts(profile, mode, shards, withExplain);
    return { mode, sizing, drafts: cost.drafts, explain: cost.explain };
  }
  // On-demand: AWS runs the shards (a new stream has 4; a shard splits above 500 KB/s), so the
  // provisioned requirements are context and the count is AWS's.
  const peak = peakFlow(profile);
  shards = onDemandShardEstimate(profile);
  const cost = kinesisDrafts(profile, mode, shards, withExplain);
  const requirement = {
    constraint: 'on-demand-doubling' as const,
    shards,
    detail: `AWS runs ≈${shards} shards: a new stream has 4 and a shard splits above 500 KB/s (${mib(peak.writeBytesPerSecond)} MiB/s at peak); capacity follows 2× the previous 30-day peak`,
  };
  const onDemandSizing: ShardCountResult = {
    ...sizing,
    shards,
    binding: 'on-demand-doubling',
    requirements: [...sizing.requirements, requirement],
    utilization: utilizationAt(profile, risk, shards),
  };
  return { mode, sizing: onDemandSizing, drafts: cost.drafts, explain: cost.explain };
}

/**
 * One region's result. Longer than 80 lines because the chosen mode, its alternatives and the
 * what-if sections share one risk model, one Firehose pricing and one key hashing, built once here.
 */
export function planRegion(profile: Profile, catalogue: PriceCatalogue, region: string, options: PlanOptions): RegionResult {
  const prices = catalogue.regions[region];
  // Explanations only for `--explain`: building them is most of the text work of a plan.
  const explain: Explanation[] | undefined = options.explain ? [] : undefined;

  // Firehose delivery streams: the same in every capacity mode.
  const fh = modelProfileFirehose(profile, region, options.explain, options.warnings !== false);
  const firehose: FirehoseReport[] = fh.reports;
  explain?.push(...fh.explain);

  if (profile.stream.mode === 'none') {
    const priced = priceLines(fh.drafts, prices);
    flagBeyondPriceList(firehose, priced);
    const result: RegionResult = { region, stream: null, firehose, cost: costReport(priced), alternatives: [] };
    if (!prices) result.warnings = [noPricesWarning(region)];
    if (explain) result.explain = explain;
    return result;
  }

  const mode = profile.stream.mode;
  // Sweep points (whatIf off) need the headline figures only: no attribution or day-level detail.
  // Their byte tails come from exact values 2% apart in the mean (≤ 0.2% high, never low): each
  // point's hottest shard has a mean of its own, and a recursion per point was most of a sweep.
  const riskOptions: RiskOptions | undefined = options.whatIf === false ? { ...options.risk, details: false, interpolateByteTail: true } : options.risk;
  const { onKeys } = options;
  const keyList = profile.traffic.partitionKeys;
  let onScan: OnProgress | undefined;
  if (onKeys !== undefined && keyList.kind === 'list') {
    // Hashed here (once per list, kept for later) rather than on the first shard count, so the
    // hashing can report its progress.
    hashKeys(keyList.keys, (done, total) => onKeys('hash', done, total));
    onScan = (done, total) => onKeys('scan', done, total);
  }
  const risk = buildRiskModel(profile, riskOptions);
  const chosen = evaluateMode(profile, mode, risk, options.explain, onScan);
  explain?.push(...chosen.sizing.explain, ...chosen.explain);
  // The ingestion basis of a KPL-aggregated stream, as the profile chose it (at the chosen shard count).
  const firehoseDrafts: LineDraft[] = withKplBillingBasis(profile, chosen.sizing.shards, fh.drafts);
  if (explain) explainKplBasis(profile, firehoseDrafts, explain);
  // The Firehose lines are the same in every mode and share no price key (so no tier) with the
  // Kinesis lines: price them once and put them after each mode's own, as one priceLines call would.
  const firehosePriced = priceLines(firehoseDrafts, prices);
  flagBeyondPriceList(firehose, firehosePriced);
  const costWithFirehose = (drafts: LineDraft[]) => {
    return costReport(priceLines(drafts, prices), firehosePriced);
  };
  const cost = costWithFirehose(chosen.drafts);

  // Alternatives: the other modes, sized automatically, with the same Firehose lines.
  // The alternatives' sizing is the same automatic sizing whatever the mode (only the EFO cap
  // differs, which changes no count), so it is computed once.
  const other = profile.stream.advantageOtherTraffic;
  const otherAdvantage = other.inBytesPerSecond > 0 || other.outBytesPerSecond > 0;
  let autoSizing: ShardCountResult | undefined = mode === 'provisioned' && profile.stream.shards === null ? chosen.sizing : undefined;
  // Only their counts and cost lines are needed: no sizing report, no texts.
  const auto = profile.stream.shards !== null ? { ...profile, stream: { ...profile.stream, shards: null } } : profile;
  const evaluations = MODES.map((m) => {
    if (m === mode) return { mode: m, shards: chosen.sizing.shards, cost };
    let shards: number;
    if (m === 'provisioned') {
      autoSizing ??= sizeShards(auto, 'provisioned', risk, false, onScan);
      shards = autoSizing.shards;
    } else {
      shards = onDemandShardEstimate(profile);
    }
    return { mode: m, shards, cost: costWithFirehose(kinesisDrafts(auto, m, shards, false).drafts) };
  });
  // Lines that are unknown in every mode with the same quantity (the Firehose and S3 lines) do not
  // change which mode is cheapest; any other unknown line does.
  const unknownKey = (u: { item: string; resource?: string; quantity: number }) => `${u.item}|${u.resource ?? ''}|${u.quantity}`;
  const sharedUnknown = new Set(firehoseDrafts.map((d) => unknownKey(d)));
  const modeSpecificUnknown = (c: typeof cost) => c.lines.filter((l) => l.monthly_usd === null && !sharedUnknown.has(unknownKey(l))).length;
  const comparable = evaluations.filter((e) => modeSpecificUnknown(e.cost) === 0);
  // Comparable modes lack the same lines, so their known sums compare as their totals would.
  const cheapest = comparable.length > 0 ? comparable.reduce((a, b) => (b.cost.known_monthly_usd < a.cost.known_monthly_usd ? b : a)) : undefined;
  const alternatives: Alternative[] = evaluations
    .filter((e) => e.mode !== mode)
    .map((e) => {
      const alt: Alternative = {
        mode: e.mode,
        shards: e.mode === 'provisioned' ? e.shards : null,
        monthly_usd: e.cost.monthly_usd,
        known_monthly_usd: e.cost.known_monthly_usd,
        note: alternativeNote(e.mode, e.shards, modeSpecificUnknown(e.cost), cheapest?.mode === e.mode, mode, otherAdvantage),
      };
      if (e.mode !== 'provisioned') alt.estimated_shards = e.shards;
      if (e.cost.unknown.length > 0) alt.unknown = e.cost.unknown;
      if (cheapest?.mode === e.mode) alt.cheapest = true;
      return alt;
    });

  if (options.warnings !== false) kplBasisWarnings(profile, chosen.sizing.shards, firehose, fh.drafts, firehosePriced, prices);
  const stream = streamReport(profile, mode, chosen.sizing, risk, riskOptions, explain, options.warnings !== false);
  const result: RegionResult = { region, stream, firehose, cost, alternatives };
  result.cheapest_mode = cheapest ? cheapest.mode : null;
  if (options.whatIf !== false) {
    // Closed-form risk only: a simulation per traffic level or hour would be far too slow.
    const whatIfRisk: RiskOptions = { ...options.risk, simulate: false };
    const be = breakEven(profile, prices, region, { risk: whatIfRisk });
    if (be !== undefined) result.break_even = be;
    const schedule = mode === 'provisioned' ? buildSchedule(profile, prices, { risk: whatIfRisk }) : undefined;
    if (schedule !== undefined) result.schedule = schedule;
  }
  if (!prices) stream.warnings.push(noPricesWarning(region));
  if (explain) result.explain = explain;
  return result;
}

/**
 * With KPL aggregation, Firehose de-aggregates the records it reads from the stream
 * (https://docs.aws.amazon.com/firehose/latest/dev/kinesis-record-deaggregation.html) but AWS does not
 * say whether ingestion is billed per user record or per aggregated Kinesis record. kplan bills the
 * basis the profile chose (`kpl_billing`; by default the conservative 5 KB per user record) and names
 * the other figure on each such delivery stream. `userDrafts` are the drafts on the user-record basis.
 */
function kplBasisWarnings(
  profile: Profile,
  shards: number,
  firehose: FirehoseReport[],
  userDrafts: readonly LineDraft[],
  priced: PricedLines,
  prices: PriceCatalogue['regions'][string] | undefined,
): void {
  const perAggregated = aggregatedIngestionGiB(profile, shards);
  for (const fh of profile.firehose) {
    if (!kplBasisMatters(profile, fh)) continue;
    const d = userDrafts.find((x) => x.item === 'firehose-ingestion' && x.resource === fh.name);
    const line = priced.all.find((l) => l.item === 'firehose-ingestion' && l.resource === fh.name);
    if (!d || !line) continue;
    const usd = (n: number | null | undefined) => (typeof n === 'number' ? formatUsd(n) : 'unknown');
    const gb = (n: number) => formatLocaleNumber(Math.round(n));
    const perUser = fh.kplBilling === 'user-records';
    const report = firehose.find((f) => f.name === fh.name);
    // Billed per aggregated record, the 5 KB rounding of each small user record does not apply.
    if (!perUser && report) report.warnings = report.warnings.filter((w) => w.code !== 'small-records-rounding');
    // The figure under the basis not billed (priced alone: the same tier as the billed line).
    const other = priceLines([{ ...d, quantity: perUser ? perAggregated : d.quantity }], prices).lines[0];
    report?.warnings.push({
      code: 'firehose-kpl-billing-basis',
      message: perUser
        ? `${fh.name}: ingestion is billed here as ${gb(d.quantity)} GB/month, each de-aggregated user record rounded up to 5 KB (${usd(line.monthly_usd)}/month); ` +
          `AWS documents that Firehose de-aggregates KPL records but not which records it bills. Per aggregated Kinesis record it would be ` +
          `${gb(perAggregated)} GB/month (${usd(other?.monthly_usd)}/month)`
        : `${fh.name}: ingestion is billed here as ${gb(perAggregated)} GB/month, each aggregated Kinesis record rounded up to 5 KB (kpl_billing: aggregated-records; ${usd(line.monthly_usd)}/month); ` +
          `AWS documents that Firehose de-aggregates KPL records but not which records it bills. Per de-aggregated user record it would be ` +
          `${gb(d.quantity)} GB/month (${usd(other?.monthly_usd)}/month)`,
    });
  }
}

/** `--explain`: the ingestion of each delivery stream billed per aggregated Kinesis record. */
function explainKplBasis(profile: Profile, drafts: readonly LineDraft[], explain: Explanation[]): void {
  for (const fh of profile.firehose) {
    if (fh.kplBilling !== 'aggregated-records' || !kplBasisMatters(profile, fh)) continue;
    const d = drafts.find((x) => x.item === 'firehose-ingestion' && x.resource === fh.name);
    if (!d) continue;
    // It replaces the per-user-record explanation the delivery stream's model gave.
    const topic = `firehose.${fh.name}.cost.firehose-ingestion`;
    const at = explain.findIndex((e) => e.topic === topic);
    if (at >= 0) explain.splice(at, 1);
    explain.push({
      topic,
      formula: 'GB = Σ over aggregated Kinesis records/month × ceil(size / 5,120) × 5,120 / 2^30',
      inputs: { kpl_billing: 'aggregated-records' },
      result: d.quantity,
      note: 'Billed per aggregated Kinesis record (kpl_billing: aggregated-records): AWS does not document which records Firehose ingestion bills after de-aggregation.',
    });
  }
}

/** Warns on a delivery stream whose month of ingestion passes the tiers AWS publishes (5 PB). */
function flagBeyondPriceList(firehose: FirehoseReport[], priced: PricedLines): void {
  for (const b of priced.beyondPriceList) {
    const fh = firehose.find((f) => f.name === b.resource);
    fh?.warnings.push({
      code: 'beyond-price-list',
      message: `${formatLocaleNumber(Math.round(b.quantity))} GB a month of Firehose ingestion (this account and Region, so far) passes the ${formatLocaleNumber(Math.round(b.coveredUpTo))} GB (5 PB) AWS publishes tiers for; past it AWS prices on request, and kplan keeps the last tier's price`,
    });
  }
}

function noPricesWarning(region: string): Warning {
  return {
    code: 'no-prices',
    message: unpricedReason(region) ?? `the price catalogue has no prices for ${region}: every cost line is unknown (import AWS's price data with \`kplan prices import\`)`,
  };
}

function alternativeNote(mode: StreamMode, shards: number, unknownCount: number, cheapest: boolean, chosen: StreamMode, otherAdvantage: boolean): string {
  const parts: string[] = [];
  if (mode === 'provisioned') parts.push(`${shards} shards, sized for peak`);
  if (mode === 'on-demand') parts.push(`≈${shards} shards run by AWS; absorbs up to 2× the previous 30-day peak`);
  // The minimum is per account and Region; other Advantage streams of the account share it.
  if (mode === 'on-demand-advantage') {
    parts.push(
      otherAdvantage
        ? "billed at ≥ 25 MiB/s in and out, a minimum per account and Region: this stream is charged its own traffic plus the shortfall the account's other Advantage traffic (stream.advantage_other_traffic) leaves; no stream-hour fee"
        : 'billed at ≥ 25 MiB/s in and out, a minimum per account and Region that kplan charges to this stream alone; no stream-hour fee',
    );
  }
  if (unknownCount > 0) parts.push(`${unknownCount} price(s) unknown: not comparable`);
  if (cheapest) parts.push(`cheapest (cheaper than the chosen ${chosen})`);
  return parts.join('; ');
}

/** Throttle level from the risk numbers (thresholds documented in docs/model.md). */
export function throttleLevel(fraction: number, maxRate: number, unfixable: Unfixable[], readThrottled: boolean): ThrottleReport['level'] {
  if (unfixable.length > 0 || readThrottled || fraction > 1e-2) return 'high';
  if (fraction > maxRate) return 'medium';
  if (fraction > 1e-6) return 'low';
  return 'none';
}

/**
 * On-demand traffic above the capacity AWS holds: while the stream doubles every 15 minutes the
 * writes above capacity throttle, and that, not the per-second bursts at the estimated shard count,
 * is the throttled share. Every figure that describes the throttling follows it: which capacity
 * binds, the records throttled per second at peak on the hottest shard, the day (the peak held
 * while capacity doubles: certain to throttle), and what the risk comes from.
 */
function onDemandScalingFigures(
  profile: Profile,
  sizing: ShardCountResult,
  onDemand: Record<string, unknown>,
  perSecondFraction: number,
  report: ThrottleReport,
): Record<string, unknown> {
  const peak = peakFlow(profile);
  const bytesOver = peak.writeBytesPerSecond / (onDemand.capacity_bytes_per_second as number);
  const recordsOver = sizing.kinesisRecordsPerSecondAtPeak / (onDemand.capacity_records_per_second as number);
  const over = Math.max(bytesOver, recordsOver);
  const scalingFraction = 1 - 1 / over;
  // Throttled user records while capacity doubles (15 minutes per step) at the peak rate.
  let records = 0;
  for (let step = 0; 2 ** step < over; step++) records += peak.userRecordsPerSecond * (1 - 2 ** step / over) * 15 * 60;
  const hottestRate = (peak.userRecordsPerSecond / sizing.shards) * sizing.hot.factor;
  const out: Record<string, unknown> = {
    records_limit_share: recordsOver > 1 && bytesOver <= 1 ? 1 : 0,
    bytes_limit_share: bytesOver > 1 && recordsOver <= 1 ? 1 : 0,
    expected_throttled_records_per_second_at_peak: scalingFraction * hottestRate,
    attribution: [{ cause: 'on-demand-capacity', share: 1, risk_without: perSecondFraction }],
  };
  if (report.daily !== undefined) {
    out.daily = { ...(report.daily as Record<string, unknown>), p_any_throttle: 1, expected_throttled_records_per_day: records, expected_retries_per_day: records };
  }
  return out;
}

/**
 * The stream section of a region's result. Longer than 80 lines because the on-demand capacity, the
 * throttle figures, the warnings and the consumers all read the same sizing, peak and unfixable list,
 * and go into one report.
 */
function streamReport(
  profile: Profile,
  mode: StreamMode,
  sizing: ShardCountResult,
  risk: RiskModel,
  riskOptions: RiskOptions | undefined,
  explain: Explanation[] | undefined,
  withWarnings: boolean,
): StreamReport {
  const peak = peakFlow(profile);
  const warnings: Warning[] = [...sizing.warnings];
  const unfixable: Unfixable[] = [...sizing.unfixable];

  // On-demand accommodates up to 2× the previous 30-day peak; a new stream starts at 4 MiB/s and
  // 4,000 records/s (https://docs.aws.amazon.com/streams/latest/dev/how-do-i-size-a-stream.html).
  let onDemand: Record<string, unknown> | undefined;
  if (mode !== 'provisioned') {
    const prev = profile.stream.previousPeakRecordsPerSecond;
    const bytesPerRecord = peak.writeBytesPerSecond / Math.max(peak.userRecordsPerSecond, 1e-12);
    const capBytes = prev === null ? 4 * MIB : 2 * prev * bytesPerRecord;
    const capRecords = prev === null ? 4000 : 2 * prev;
    const over = Math.max(peak.writeBytesPerSecond / capBytes, sizing.kinesisRecordsPerSecondAtPeak / capRecords);
    onDemand = {
      capacity_bytes_per_second: capBytes,
      capacity_records_per_second: capRecords,
      basis: prev === null ? 'new stream: 4 MiB/s, 4,000 records/s' : `2 × previous peak ${fmt(prev)} records/s`,
      throttled_fraction_while_scaling: over > 1 ? 1 - 1 / over : 0,
      scaling_minutes: over > 1 ? 15 * Math.ceil(Math.log2(over)) : 0,
    };
    if (peak.writeBytesPerSecond > ON_DEMAND_MAX_WRITE_BYTES_PER_SECOND) {
      unfixable.push({
        kind: 'on-demand-doubling',
        message: `peak ${mib(peak.writeBytesPerSecond)} MiB/s is beyond the most an on-demand stream takes (10 GiB/s in us-east-1, us-west-2 and eu-west-1 on request; 200 MiB/s by default elsewhere)`,
        fix: 'split the traffic over several streams',
      });
    }
    if (over > 1) {
      unfixable.push({
        kind: 'on-demand-doubling',
        message: `peak ${mib(peak.writeBytesPerSecond)} MiB/s is ${fmt(over)}× what the stream absorbs now (${onDemand.basis}): about ${pct(1 - 1 / over)} of writes throttle for ~${onDemand.scaling_minutes} minutes while it doubles every 15 minutes`,
        fix:
          mode === 'on-demand-advantage'
            ? 'set warm throughput (UpdateStreamWarmThroughput) to the peak before the traffic arrives'
            : 'ramp traffic up at most 2× per 15 minutes, or create the stream provisioned at the peak shard count and switch to on-demand (capacity is kept)',
      });
    }
  }

  // A sweep point (details off) reports the probability alone: without the expected throttled
  // records, whose sums were a tenth of a 1,000-point sweep.
  const throttleFraction = riskOptions?.details === false && risk.reportedFraction ? risk.reportedFraction(sizing.shards) : risk.throttle(sizing.shards).fraction;
  // On-demand: while AWS doubles capacity, the share of writes above it throttles.
  const scalingFraction = onDemand ? (onDemand.throttled_fraction_while_scaling as number) : 0;
  const fraction = Math.max(throttleFraction, scalingFraction);
  const details = throttleDetails(profile, risk, sizing, riskOptions);
  explain?.push(...details.explain);
  const level = throttleLevel(fraction, profile.stream.maxThrottleRate, unfixable, sizing.readThrottled);
  const throttleReport: ThrottleReport = {
    level,
    write_throttled_fraction_at_peak: fraction,
    read_throttled: sizing.readThrottled,
    unfixable,
    ...details.fields,
  };
  if (onDemand && scalingFraction > throttleFraction) Object.assign(throttleReport, onDemandScalingFigures(profile, sizing, onDemand, throttleFraction, throttleReport));
  // What skew costs: the same stream with uniform keys, when the hot shard drives the count.
  if (withWarnings && sizing.shardsGiven === null && mode === 'provisioned' && sizing.hot.factor > 1.05 && (sizing.binding === 'hot-key' || sizing.binding === 'throttle-rate')) {
    const uniform = { ...profile, traffic: { ...profile.traffic, partitionKeys: { kind: 'random' as const }, keySkew: 0 } };
    const u = sizeShards(uniform, mode, buildRiskModel(uniform, riskOptions), false).shards;
    if (u < sizing.shards) {
      warnings.push({
        code: 'skew-cost',
        message: `key skew makes the hottest shard carry ${fmt(sizing.hot.factor)}× the mean load: ${sizing.shards} shards instead of ${u} with evenly spread keys; salting the busiest keys would save ${sizing.shards - u} shards`,
      });
    }
  }
  if (profile.traffic.peakDefaulted) {
    warnings.push({ code: 'peak-defaulted', message: 'no peak_records_per_second: sized at the average rate; real traffic peaks above its average' });
  }
  // Past 10,000 shards the sizing's shard-quota finding is the verdict.
  if (sizing.shards > 1000 && sizing.shards <= MAX_SHARDS && mode === 'provisioned') {
    warnings.push({
      code: 'shard-quota',
      message: `${sizing.shards} shards: above the default account shard quota outside us-east-1, us-west-2 and eu-west-1 (1,000 or 6,000); check Service Quotas`,
    });
  }

  const report: StreamReport = {
    mode,
    shards: sizing.shards,
    shards_given: sizing.shardsGiven,
    binding_constraint: sizing.binding,
    requirements: sizing.requirements,
    peak: {
      records_per_second: peak.userRecordsPerSecond,
      kinesis_records_per_second: sizing.kinesisRecordsPerSecondAtPeak,
      bytes_per_second: peak.writeBytesPerSecond,
    },
    hot_shard_factor: sizing.hot.factor,
    utilization_at_peak: sizing.utilization,
    throttle: throttleReport,
    warnings,
  };
  report.hot_shard = { p50: sizing.hot.p50, p95: sizing.hot.p95, top_key_share: sizing.hot.topKeyShare, method: sizing.hot.method };
  const reads = consumerReads(profile, sizing.shards, sizing.hot.factor, explain !== undefined);
  report.consumers = {
    shared: sizing.sharedConsumers,
    efo: sizing.efoConsumers,
    get_records_per_second_per_shard: sizing.pollsPerSecond,
    list: reads.consumers,
  };
  warnings.push(...reads.warnings);
  explain?.push(...reads.explain);
  if (onDemand) report.on_demand = onDemand;
  return report;
}
