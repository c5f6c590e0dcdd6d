// Micro-benchmark of the risk engine. Build first: npx tsc -p tsconfig.build.json
// (or point RISK_DIST at another compiled copy of src/model/risk). Usage: node scripts/bench-risk.mjs
const dist = process.env.RISK_DIST ?? new URL('../dist/model/risk/', import.meta.url).href;
const dir = dist.endsWith('/') ? dist : dist + '/';
const { secondThrottleProbability } = await import(dir + 'throttle.js');
const { simulateDay } = await import(dir + 'simulate.js');
const { compoundByteTail, sizeLattice } = await import(dir + 'compound.js');

const MiB = 1_048_576;
let t0;
const inputs = [];
for (let i = 0; i < 2000; i++) {
  inputs.push({
    meanRecordsPerSecond: 50 + ((i * 37) % 4950),
    recordsCap: 1000,
    bytesCap: MiB,
    bytesPerRecordMean: [100, 1000, 1056, 5000][i % 4],
    bytesPerRecordSd: [0, 300, 600][i % 3],
    dispersion: [Infinity, 200, 50, 10][i % 4],
  });
}
for (const x of inputs) secondThrottleProbability(x);
t0 = performance.now();
let worst = 0;
for (const x of inputs) {
  const a = performance.now();
  secondThrottleProbability(x);
  worst = Math.max(worst, performance.now() - a);
}
const avg = (performance.now() - t0) / inputs.length;
console.log(`secondThrottleProbability: mean ${(avg * 1000).toFixed(1)} µs/call, worst ${(worst * 1000).toFixed(1)} µs (μ 50–5,000)`);

// The byte tail (compound.ts) per size law, each call at a fresh μ (the memo would answer repeats).
// σ of {average, p99}: the smaller root of ln(p99/average) = zσ − σ²/2.
const lognormal = (average, p99, key) => {
  const z = 2.3263479;
  return { kind: 'lognormal', meanBytes: average, sigma: z - Math.sqrt(z * z - 2 * Math.log(p99 / average)), extraBytes: key };
};
const atoms = (bytes, shares, key) => ({ kind: 'atoms', bytes: bytes.map((b) => b + key), shares });
const tailCases = [
  ['fanout mix (2/6/30 KiB), μ 120', atoms([2048, 6144, 30720], [0.7, 0.25, 0.05], 32), 120, 50],
  ['fastapi-logs lognormal, μ 444', lognormal(1228.8, 8192, 36), 444, 50],
  ['fastapi-logs lognormal, μ 200 (tail 3e-9)', lognormal(1228.8, 8192, 36), 200, 50],
  ['clickstream lognormal (700 B), μ 1,000', lognormal(700, 2048, 24), 1000, 50],
  ['billing boundaries (1/5/25 KiB), μ 165', atoms([1024, 5120, 25600], [0.6, 0.3, 0.1], 16), 165, 50],
];
for (const [name, law, mu, k] of tailCases) {
  const lat = sizeLattice(law, MiB);
  let work = 0;
  for (let t = 0; t < lat.belowCap; t++) work += lat.capIndex - lat.index[t];
  const n = 200;
  for (let i = 0; i < 20; i++) compoundByteTail(lat, mu * (1 - (i + 1) * 1e-7), k);
  t0 = performance.now();
  for (let i = 0; i < n; i++) compoundByteTail(lat, mu * (1 + i * 1e-7), k);
  const us = ((performance.now() - t0) / n) * 1000;
  console.log(`compoundByteTail, ${name}: ${us.toFixed(0)} µs/call (${lat.capIndex} steps, ${lat.belowCap} sizes, ${work} multiply-adds a pass)`);
}

const cases = {
  'small records (records bind)': { bytesPerRecordMean: 200, bytesPerRecordSd: 50, mu: 900, k: 50 },
  '1,056 B records (bytes near cap)': { bytesPerRecordMean: 1056, bytesPerRecordSd: 300, mu: 900, k: Infinity },
  // Bytes drawn from the size law (sizedraw.ts): the lognormal of fastapi-logs and the histogram of
  // fanout, each loaded so that bytes come near the cap in many seconds.
  'lognormal 1.2 KiB, p99 8 KiB (law, bytes near cap)': {
    bytesPerRecordMean: 1265,
    bytesPerRecordSd: 1800,
    mu: 700,
    k: 50,
    recordSizes: { kind: 'lognormal', meanBytes: 1228.8, sigma: 1.0585, extraBytes: 36 },
  },
  '2 / 6 / 30 KiB mix (law, bytes near cap)': {
    bytesPerRecordMean: 4614,
    bytesPerRecordSd: 6266,
    mu: 180,
    k: 50,
    recordSizes: { kind: 'atoms', bytes: [2048, 6144, 30720], shares: [0.7, 0.25, 0.05] },
  },
};
for (const [name, c] of Object.entries(cases)) {
  const input = {
    shardPeakMeans: new Array(32).fill(c.mu),
    bytesPerRecordMean: c.bytesPerRecordMean,
    bytesPerRecordSd: c.bytesPerRecordSd,
    dispersion: c.k,
    ...(c.recordSizes ? { recordSizes: c.recordSizes } : {}),
    seed: 1,
    replicas: 32,
    skipBelow: 0,
  };
  t0 = performance.now();
  const r = simulateDay(input);
  const s = (performance.now() - t0) / 1000;
  console.log(
    `simulateDay 86,400 s × 32 shards × 32 replicas, ${name}: ${s.toFixed(2)} s ` +
      `(${((s * 1e9) / (86400 * 32 * 32)).toFixed(1)} ns/shard-second), throttled fraction ${r.throttledShardSecondFraction.mean.toExponential(3)}`,
  );
}
