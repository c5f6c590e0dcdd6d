// The byte-tail recursion's two kernels (src/model/risk/panjer.ts): the embedded WebAssembly is
// panjer.wat compiled, Node runs it, and it gives the same bits as the JavaScript kernel on random
// passes (rescaling and early stops included) and on the shipped profiles' size laws, and so do the
// sums over f that compound.ts takes from them. The values
// themselves are checked against an independent exact convolution in exact-tail.test.ts.

import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { sizeLattice, type RecordSizeLaw } from '../../src/model/risk/compound.js';
import { aboveSums, belowSums, panjerBuffers, panjerKernel, panjerPass, type PanjerPass } from '../../src/model/risk/panjer.js';
// @ts-expect-error -- a plain .mjs script without declarations
import { panjerWasmModule } from '../../scripts/wasm.mjs';
import { runs } from '../helpers/depth.js';

interface Case {
  at: number[];
  pa: number[];
  pb: number[];
  pass: PanjerPass;
}

/**
 * One pass with the given kernel: f(0 … upTo) copied out, the last j and the rescale count, and the
 * kernel's sums over f (below the middle of f and from it to the end, as compound.ts asks them).
 */
function runWith(kernel: 'js' | 'auto', c: Case): { f: Float64Array; end: number; rescales: number; sums: number[] } {
  panjerKernel(kernel);
  const m = c.at.length;
  const buf = panjerBuffers(m, c.pass.upTo);
  for (let t = 0; t < m; t++) {
    buf.f64[2 * t] = c.pa[t]!;
    buf.f64[2 * t + 1] = c.pb[t]!;
    buf.i32[4 * m + t] = 8 * c.at[t]!;
  }
  buf.f64[buf.fWord] = 1;
  const r = panjerPass(c.pass, buf);
  const mid = Math.ceil(c.pass.upTo / 2);
  const h = 512 / (mid + 1);
  const low = belowSums(buf, mid, 0.75, mid * h, h);
  const high = aboveSums(buf, mid, r.end, 0.75, mid * h, h);
  return { ...r, f: buf.f64.slice(buf.fWord, buf.fWord + c.pass.upTo + 1), sums: [low.below, low.shortfall, high.over, high.excess] };
}

/** The first j where the two runs differ in any bit (−1: none), after equal ends and rescales. */
function firstDifference(c: Case): number {
  const a = runWith('auto', c);
  const b = runWith('js', c);
  expect(b.end).toBe(a.end);
  expect(b.rescales).toBe(a.rescales);
  for (let i = 0; i < 4; i++) expect(Object.is(a.sums[i], b.sums[i]), `sum ${i}: ${a.sums[i]} vs ${b.sums[i]}`).toBe(true);
  for (let j = 0; j < a.f.length; j++) if (!Object.is(a.f[j], b.f[j])) return j;
  return -1;
}

/** A case as compound.ts builds it: the lattice of a size law, a (μ, k) count, a pass below the cap. */
function latticeCase(law: RecordSizeLaw, mu: number, k: number): Case {
  const lat = sizeLattice(law, 1024 * 1024);
  const a = Number.isFinite(k) ? mu / (k + mu) : 0;
  const b = Number.isFinite(k) ? (k - 1) * a : mu;
  const first = lat.index[0] === 0 ? 1 : 0;
  const s0 = first === 1 ? lat.prob[0]! : 0;
  const at: number[] = [];
  const pa: number[] = [];
  const pb: number[] = [];
  for (let t = first; t < lat.belowCap; t++) {
    at.push(lat.index[t]!);
    pa.push(a * lat.prob[t]!);
    pb.push(b * lat.index[t]! * lat.prob[t]!);
  }
  return { at, pa, pb, pass: { m: at.length, upTo: lat.capIndex - 1, norm: 1 / (1 - a * s0), tailFrom: Infinity, minStop: Infinity, span: 256, eps: 1e-8 } };
}

const randomCase: fc.Arbitrary<Case> = fc
  .record({
    at: fc.uniqueArray(fc.integer({ min: 1, max: 300 }), { maxLength: 40 }),
    weights: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 40, maxLength: 40 }),
    growth: fc.constantFrom(0, 2, 6, 9, 12),
    norm: fc.double({ min: 1, max: 2, noNaN: true }),
    upTo: fc.oneof(fc.integer({ min: 1, max: 900 }), fc.constantFrom(400, 900)),
    tailFrom: fc.option(fc.integer({ min: 1, max: 700 }), { nil: Infinity }),
    minStop: fc.option(fc.integer({ min: 1, max: 700 }), { nil: Infinity }),
    span: fc.integer({ min: 1, max: 256 }),
    eps: fc.constantFrom(1e-8, 1e-3, 0.5),
  })
  .map(({ at, weights, growth, norm, upTo, tailFrom, minStop, span, eps }) => {
    const sorted = [...at].sort((x, y) => x - y);
    return {
      at: sorted,
      pa: sorted.map((_, t) => weights[t]! / 40),
      // Large pb make f grow past 1e200 within the pass: the rescaling path.
      pb: sorted.map((i, t) => (weights[39 - t]! * i * 10 ** growth) / 40),
      pass: { m: sorted.length, upTo, norm, tailFrom, minStop, span, eps },
    };
  });

describe('Panjer recursion kernels', () => {
  afterEach(() => {
    panjerKernel('auto');
  });

  it('the embedded WebAssembly is panjer.wat compiled (npm run wasm)', async () => {
    const wat = readFileSync(new URL('../../src/model/risk/panjer.wat', import.meta.url), 'utf8');
    const embedded = readFileSync(new URL('../../src/model/risk/panjer-wasm.ts', import.meta.url), 'utf8');
    expect(await panjerWasmModule(wat)).toBe(embedded);
  });

  it('Node runs the WebAssembly kernel, and tests can force the JavaScript one', () => {
    expect(panjerKernel()).toBe('wasm');
    expect(panjerKernel('js')).toBe('js');
    expect(panjerKernel('auto')).toBe('wasm');
  });

  it('both kernels give the same bits on random passes, rescaled and stopped early ones included', () => {
    let rescaled = 0;
    let stopped = 0;
    fc.assert(
      fc.property(randomCase, (c) => {
        expect(firstDifference(c)).toBe(-1);
        const r = runWith('js', c);
        if (r.rescales > 0) rescaled++;
        if (r.end < c.pass.upTo) stopped++;
      }),
      { numRuns: runs(2000), seed: 20261201 },
    );
    // The generator reaches both special paths (else the comparison above could not fail on them).
    expect(rescaled).toBeGreaterThan(0);
    expect(stopped).toBeGreaterThan(0);
  });

  it.each([
    ['fastapi-logs sizes, NegBin k = 10 at 444/s', { kind: 'lognormal', meanBytes: 1228.8, sigma: 1.3, extraBytes: 36 } as RecordSizeLaw, 444, 10],
    ['fastapi-logs sizes, Poisson at 900/s (rescaled)', { kind: 'lognormal', meanBytes: 1228.8, sigma: 1.3, extraBytes: 36 } as RecordSizeLaw, 900, Infinity],
    ['the fanout mix, NegBin k = 10 at 60/s', { kind: 'atoms', bytes: [2048, 6144, 30720], shares: [0.6, 0.3, 0.1] } as RecordSizeLaw, 60, 10],
  ])('both kernels give the same bits: %s', (_, law, mu, k) => {
    const c = latticeCase(law, mu, k);
    expect(firstDifference(c)).toBe(-1);
    if (mu === 900) expect(runWith('js', c).rescales).toBeGreaterThan(0);
  });
});
