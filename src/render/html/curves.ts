// The monthly Kinesis cost of each capacity mode as the profile's traffic scales: the curves whose
// crossings are the report's break-even points (src/model/whatif/breakeven.ts), sampled for the
// chart. Pure: the model's own sizing and pricing, no IO.

import type { Profile, StreamMode } from '../../profile/types.js';
import type { PriceCatalogue } from '../../prices/types.js';
import type { RiskOptions } from '../../model/stream/risk-model.js';
import { BREAK_EVEN_MODES, DEFAULT_BREAK_EVEN, kinesisModeCosts, scaleTraffic } from '../../model/whatif/breakeven.js';
import { kinesisDrafts } from '../../model/cost/kinesis.js';
import { priceLines } from '../../model/cost/pricing.js';

export interface CurvePoint {
  scale: number;
  records_per_second: number;
  /** Kinesis monthly cost per mode; null where a price is unknown. */
  monthly_usd: Record<StreamMode, number | null>;
}

/** Region → sampled points, from 1/1000 to 1000 × the profile's traffic (the break-even range). */
export type ModeCurves = Record<string, CurvePoint[]>;

/** Samples per decade: enough for the shape; the crossings themselves come from the report. */
const PER_DECADE = 4;

export function modeCurves(profile: Profile, catalogue: PriceCatalogue, regions: readonly string[], risk?: RiskOptions): ModeCurves {
  const out: ModeCurves = {};
  if (profile.stream.mode === 'none') return out;
  const { minScale, maxScale } = DEFAULT_BREAK_EVEN;
  const steps = Math.round(Math.log10(maxScale / minScale) * PER_DECADE);
  const whatIfRisk: RiskOptions = { ...risk, simulate: false };
  for (const r of regions) out[r] = [];
  for (let i = 0; i <= steps; i++) {
    const scale = minScale * Math.pow(maxScale / minScale, i / steps);
    const p = scaleTraffic(profile, scale);
    // Sizing does not depend on the region: size once, price per region.
    const sized = kinesisModeCosts(p, catalogue.regions[regions[0] ?? ''], whatIfRisk);
    for (const region of regions) {
      const prices = catalogue.regions[region];
      const monthly = {} as Record<StreamMode, number | null>;
      for (const mode of BREAK_EVEN_MODES) {
        const priced = priceLines(kinesisDrafts(p, mode, sized[mode].shards, false).drafts, prices);
        monthly[mode] = priced.unknown.length > 0 ? null : priced.lines.reduce((s, l) => s + l.monthly_usd, 0);
      }
      out[region]?.push({ scale, records_per_second: profile.traffic.recordsPerSecond * scale, monthly_usd: monthly });
    }
  }
  return out;
}
