// The inner loop of Panjer's recursion (compound.ts), in two implementations that give the same bits:
// WebAssembly (panjer.wat, embedded by `npm run wasm` as panjer-wasm.ts) and plain JavaScript.
//
// Why WebAssembly: a `kplan size` is a short process, and the recursion (a few hundred thousand
// multiply-adds a pass, 10–30 passes) ran mostly before V8 had optimised it: the first pass took
// 6–20 ms, a warm one 0.6 ms. WebAssembly is compiled before it runs (~1 ms for this module).
// The JavaScript kernel is used where WebAssembly is missing or refused (a Content-Security-Policy
// without 'wasm-unsafe-eval'); it does the same IEEE operations in the same order (no fused
// multiply-add exists in either), and test/risk/panjer-kernel.test.ts checks that both agree bit
// for bit.

import { PANJER_WASM_BASE64 } from './panjer-wasm.js';

/**
 * One pass, on arrays laid out in one buffer: pa(t) and pb(t) in words 2t and 2t + 1 (8-byte
 * words), the atoms' lattice indices times 8 (byte offsets) as 32-bit integers from word 2m, f from
 * word `fWord`:
 *   f(j) = (Σ_t pa(t)·f(j − at(t)) + Σ_t pb(t)·f(j − at(t)) / j) · norm   for j = 1 … upTo,
 * over the atoms t with at(t) ≤ j (at sorted, ≥ 1), in the order of compound.ts's panjer().
 */
export interface PanjerPass {
  m: number;
  upTo: number;
  norm: number;
  tailFrom: number;
  minStop: number;
  span: number;
  eps: number;
}

export interface PanjerBuffers {
  f64: Float64Array;
  i32: Int32Array;
  /** Word where f starts. */
  fWord: number;
}

/** Values of f below this are stored as 0 (they keep the recursion off slow subnormal numbers). */
export const FLUSH_BELOW = 1e-200;
/** Past this, f is divided by it (the caller keeps the log scale). */
export const RESCALE_AT = 1e200;

type Run = (m: number, upTo: number, norm: number, tailFrom: number, minStop: number, span: number, eps: number, atByte: number, fByte: number) => number;

/** The compiled WebAssembly kernel: its memory, the pass, and the pass's rescale count. */
interface WasmKernel {
  memory: { buffer: ArrayBuffer; grow(pages: number): number };
  run: Run;
  rescales: { value: number };
  below: (fByte: number, n: number, scale: number, cap: number, h: number) => void;
  above: (fByte: number, from: number, end: number, scale: number, cap: number, h: number) => void;
  sumA: { value: number };
  sumB: { value: number };
}

/** undefined: not tried yet; null: WebAssembly is missing or refused. */
let wasm: WasmKernel | null | undefined;
let jsBuffer = new ArrayBuffer(0);
let jsRescales = 0;
/** Tests may force the JavaScript kernel. */
let forced: 'js' | undefined;

/** The part of the WebAssembly API used here (declared by hand: the build targets no DOM library). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: WasmKernel };
}

function loadWasm(): WasmKernel | null {
  try {
    const api = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
    if (api === undefined) return null;
    const bytes = Uint8Array.from(atob(PANJER_WASM_BASE64), (c) => c.charCodeAt(0));
    return new api.Instance(new api.Module(bytes), {}).exports;
  } catch {
    // A policy that refuses to compile WebAssembly: the JavaScript kernel.
    return null;
  }
}

/** The kernel in use ('wasm' or 'js'), and a way for tests to force the JavaScript one. */
export function panjerKernel(force?: 'js' | 'auto'): 'wasm' | 'js' {
  if (force !== undefined) forced = force === 'js' ? 'js' : undefined;
  if (wasm === undefined) {
    wasm = loadWasm();
    if (wasm !== null && forced === undefined) warmUp();
  }
  return forced === undefined && wasm !== null ? 'wasm' : 'js';
}

/** Atoms and length of the warm-up pass: the least that reliably used up V8's budget here. */
const WARM_ATOMS = 8;
const WARM_LENGTH = 4096;

/**
 * A short pass on scratch values right after loading (~0.5 ms). V8 runs a WebAssembly function first
 * as baseline code, ~7× slower for this loop, and switches to optimised code only at a later call,
 * once the function has used up a budget and its optimised compile has finished in the background.
 * Spent here, that budget has the compile run while the caller builds its lattice, so the first
 * real pass (a run's first of 10–30) is optimised: 0.6–0.9 ms instead of 2–4.7 ms, measured on
 * 4,096 × 128 atoms. Its results are discarded (every pass starts from zeroed buffers).
 */
function warmUp(): void {
  const buf = panjerBuffers(WARM_ATOMS, WARM_LENGTH);
  for (let t = 0; t < WARM_ATOMS; t++) {
    buf.f64[2 * t] = 0.01;
    buf.f64[2 * t + 1] = 0.1;
    buf.i32[4 * WARM_ATOMS + t] = 8 * (t + 1);
  }
  buf.f64[buf.fWord] = 1;
  panjerPass({ m: WARM_ATOMS, upTo: WARM_LENGTH, norm: 1, tailFrom: Infinity, minStop: Infinity, span: 256, eps: 1e-8 }, buf);
}

/** Buffers for m atoms and f(0 … upTo), zeroed where f lives. Valid until the next call. */
export function panjerBuffers(m: number, upTo: number): PanjerBuffers {
  const fWord = 2 * m + Math.ceil(m / 2);
  const bytes = (fWord + upTo + 1) * 8;
  let buffer: ArrayBuffer;
  if (panjerKernel() === 'wasm') {
    const memory = wasm!.memory;
    if (memory.buffer.byteLength < bytes) memory.grow(Math.ceil((bytes - memory.buffer.byteLength) / 65536));
    buffer = memory.buffer;
  } else {
    if (jsBuffer.byteLength < bytes) jsBuffer = new ArrayBuffer(Math.max(bytes, 2 * jsBuffer.byteLength));
    buffer = jsBuffer;
  }
  const f64 = new Float64Array(buffer);
  f64.fill(0, fWord, fWord + upTo + 1);
  return { f64, i32: new Int32Array(buffer), fWord };
}

/** Runs one pass over buffers from panjerBuffers: the last j filled, and how often f was rescaled. */
export function panjerPass(p: PanjerPass, buffers: PanjerBuffers): { end: number; rescales: number } {
  if (panjerKernel() === 'wasm') {
    const end = wasm!.run(p.m, p.upTo, p.norm, p.tailFrom, p.minStop, p.span, p.eps, 16 * p.m, 8 * buffers.fWord);
    return { end, rescales: wasm!.rescales.value };
  }
  const end = passJs(p, buffers);
  return { end, rescales: jsRescales };
}

/**
 * The JavaScript kernel: panjer.wat line for line. Two atoms a step into four sums (independent
 * chains of additions run ~2× faster than one).
 */
function passJs(p: PanjerPass, { f64: w, i32, fWord }: PanjerBuffers): number {
  const { m, upTo, norm, tailFrom, minStop, span, eps } = p;
  const at = 4 * m; // in 32-bit entries
  jsRescales = 0;
  let tail = 0;
  let blockSum = 0;
  let blockStart = 0;
  let reach = 0; // atoms with index ≤ j are at[0 .. reach)
  for (let j = 1; j <= upTo; j++) {
    while (reach < m && i32[at + reach]! >> 3 <= j) reach++;
    let accA = 0;
    let accB = 0;
    let accA2 = 0;
    let accB2 = 0;
    let t = 0;
    for (; t + 1 < reach; t += 2) {
      const g = w[fWord + j - (i32[at + t]! >> 3)]!;
      const g2 = w[fWord + j - (i32[at + t + 1]! >> 3)]!;
      accA += w[2 * t]! * g;
      accB += w[2 * t + 1]! * g;
      accA2 += w[2 * t + 2]! * g2;
      accB2 += w[2 * t + 3]! * g2;
    }
    if (t < reach) {
      const g = w[fWord + j - (i32[at + t]! >> 3)]!;
      accA += w[2 * t]! * g;
      accB += w[2 * t + 1]! * g;
    }
    const v = (accA + accA2 + (accB + accB2) / j) * norm;
    w[fWord + j] = v < FLUSH_BELOW ? 0 : v;
    if (v > RESCALE_AT) {
      for (let u = 0; u <= j; u++) {
        const x = w[fWord + u]! / RESCALE_AT;
        w[fWord + u] = x < FLUSH_BELOW ? 0 : x;
      }
      jsRescales++;
      tail /= RESCALE_AT;
      blockSum /= RESCALE_AT;
    }
    if (j >= tailFrom) {
      const fj = w[fWord + j]!;
      tail += fj;
      blockSum += fj;
      if (j - blockStart >= span) {
        if (j > minStop && blockSum <= eps * tail) return j;
        blockSum = 0;
        blockStart = j;
      }
    }
  }
  return upTo;
}

/**
 * From f(0 … n − 1) of a pass, scaled: below = Σ f(j)·scale, Kahan-compensated (1 − below must keep
 * its digits down to 1e-11), and shortfall = Σ f(j)·scale·(cap − j·h). In the kernel: a loop of a
 * few thousand terms, ~30 times a run, costs milliseconds before V8 optimises it in JavaScript.
 */
export function belowSums(buffers: PanjerBuffers, n: number, scale: number, cap: number, h: number): { below: number; shortfall: number } {
  if (panjerKernel() === 'wasm') {
    wasm!.below(8 * buffers.fWord, n, scale, cap, h);
    return { below: wasm!.sumA.value, shortfall: wasm!.sumB.value };
  }
  const { f64: w, fWord } = buffers;
  let below = 0;
  let carry = 0;
  let shortfall = 0;
  for (let j = 0; j < n; j++) {
    const p = w[fWord + j]! * scale;
    const y = p - carry;
    const t = below + y;
    carry = t - below - y;
    below = t;
    shortfall += p * (cap - j * h);
  }
  return { below, shortfall };
}

/** From f(from … end) of a pass, scaled: over = Σ f(j)·scale and excess = Σ f(j)·scale·(j·h − cap). */
export function aboveSums(buffers: PanjerBuffers, from: number, end: number, scale: number, cap: number, h: number): { over: number; excess: number } {
  if (panjerKernel() === 'wasm') {
    wasm!.above(8 * buffers.fWord, from, end, scale, cap, h);
    return { over: wasm!.sumA.value, excess: wasm!.sumB.value };
  }
  const { f64: w, fWord } = buffers;
  let over = 0;
  let excess = 0;
  for (let j = from; j <= end; j++) {
    const p = w[fWord + j]! * scale;
    over += p;
    excess += p * (j * h - cap);
  }
  return { over, excess };
}
