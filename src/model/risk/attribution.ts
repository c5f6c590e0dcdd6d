// Explain a risk number by counterfactuals (docs/model.md, "risk comes from"): rerun the same risk
// function with one cause removed at a time — uniform keys (H → 1), no bursts (Poisson arrivals),
// flat daily curve — and split the risk among the causes.
//
// Method: Shapley values over the set of removable causes. For a subset S of causes removed, v(S) is
// the risk with S removed; cause f gets the average, over all orders of removal, of the risk that
// removing f takes away. The shares add up exactly to risk(base) − risk(all removed), and interactions
// (skew and bursts that only throttle together) are split evenly instead of double counted.
// `scale: 'log'` applies the same to ln(risk), i.e. splits the log-ratio ln(base / all removed), which
// suits risks spanning orders of magnitude. With 3 causes this costs 2³ = 8 risk evaluations; use
// common random numbers (the same seed) if `risk` is a Monte Carlo.

import type { KeySpec } from './hotshard.js';

/** A cause that can be switched off by transforming the parameters. */
export interface RiskFactor<P> {
  name: string;
  /** The parameters with this cause removed. */
  remove: (params: P) => P;
}

/** One cause's part of the risk. */
export interface FactorShare {
  name: string;
  /** Shapley value (in risk units, or ln-risk units for `scale: 'log'`). */
  value: number;
  /** value ÷ Σ values over causes with a positive value (0 for causes that do not add risk). */
  share: number;
  /** risk(base) ÷ risk(base without only this cause) (Infinity when that risk is 0). */
  aloneRatio: number;
}

/** Output of {@link attributeRisk}. */
export interface Attribution {
  scale: 'linear' | 'log';
  baseRisk: number;
  /** Risk with every cause removed. */
  residualRisk: number;
  factors: FactorShare[];
}

/** Shapley split of risk(base) − risk(all causes removed) among the causes (see module comment). */
export function attributeRisk<P>(opts: {
  risk: (params: P) => number;
  base: P;
  factors: readonly RiskFactor<P>[];
  scale?: 'linear' | 'log';
  /** Floor applied before logs (log scale), default 1e-300. */
  floor?: number;
}): Attribution {
  const { risk, base, factors } = opts;
  const scale = opts.scale ?? 'linear';
  const floor = opts.floor ?? 1e-300;
  const n = factors.length;
  if (n > 12) throw new RangeError('at most 12 factors (2^n risk evaluations)');
  const size = 1 << n;
  const raw = new Float64Array(size);
  for (let mask = 0; mask < size; mask++) {
    let p = base;
    for (let f = 0; f < n; f++) if (mask & (1 << f)) p = factors[f]!.remove(p);
    const r = risk(p);
    if (!(r >= 0)) throw new RangeError(`risk must be ≥ 0, got ${r}`);
    raw[mask] = r;
  }
  const v = (mask: number): number => (scale === 'log' ? Math.log(Math.max(floor, raw[mask]!)) : raw[mask]!);
  // Shapley weight of a coalition of size s (causes already removed) for one more cause: s!(n−s−1)!/n!
  const fact = [1];
  for (let i = 1; i <= n; i++) fact.push(fact[i - 1]! * i);
  const values: number[] = [];
  for (let f = 0; f < n; f++) {
    let phi = 0;
    const bit = 1 << f;
    for (let mask = 0; mask < size; mask++) {
      if (mask & bit) continue;
      let s = 0;
      for (let g = 0; g < n; g++) if (mask & (1 << g)) s++;
      const w = (fact[s]! * fact[n - s - 1]!) / fact[n]!;
      phi += w * (v(mask) - v(mask | bit));
    }
    values.push(phi);
  }
  let pos = 0;
  for (const x of values) if (x > 0) pos += x;
  const baseRisk = raw[0]!;
  return {
    scale,
    baseRisk,
    residualRisk: raw[size - 1]!,
    factors: factors.map((f, i) => {
      const alone = raw[1 << i]!;
      return {
        name: f.name,
        value: values[i]!,
        share: pos > 0 && values[i]! > 0 ? values[i]! / pos : 0,
        aloneRatio: alone > 0 ? baseRisk / alone : baseRisk > 0 ? Infinity : 1,
      };
    }),
  };
}

/** The parameters the standard counterfactuals touch. */
export interface AttributionParams {
  keys: KeySpec;
  skew: number;
  /** NegBin shape k; Infinity = Poisson. */
  dispersion: number;
  steady?: boolean;
  dailyCurve: readonly number[] | null;
}

/** The three causes shown as "risk comes from": key skew / hot shards, bursts, the daily curve. */
export function standardFactors<P extends AttributionParams>(): RiskFactor<P>[] {
  return [
    { name: 'hot-shards', remove: (p) => ({ ...p, keys: { kind: 'random' }, skew: 0 }) },
    // Steady arrivals have no bursts to remove; anything else becomes Poisson.
    { name: 'bursts', remove: (p) => (p.steady ? p : { ...p, dispersion: Infinity }) },
    { name: 'daily-curve', remove: (p) => ({ ...p, dailyCurve: null }) },
  ];
}
