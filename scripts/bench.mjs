#!/usr/bin/env node
// kplan's benchmarks in one run, printed as one JSON object (`npm run bench` builds first).
// Every figure comes from child processes, as a user runs kplan; wall times are medians of
// interleaved runs, so a busy machine slows every command alike and the ratios stay comparable.
//
//   BENCH_RUNS=21 (startup runs per command)  BENCH_OFFER_MB=50 (price-import offer size)
//   BENCH_METRICS_MB=50 (observe: size of the get-metric-data export)
//   BENCH_ONLY=listed_keys,observe (run only these sections: startup, memory, profiles, sweep, simulation, price_import, observe, listed_keys)
//   BENCH_BASE=/path/to/other/checkout (profiles: time that checkout's built kplan beside this one)

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin', 'kplan.js');
const NODE = process.execPath;
const RUNS = Number(process.env.BENCH_RUNS ?? 21);
const OFFER_MB = Number(process.env.BENCH_OFFER_MB ?? 50);
const METRICS_MB = Number(process.env.BENCH_METRICS_MB ?? 50);
const SIZE_PROFILE = 'profiles/fastapi-logs.yaml';
const TARGETS = { version_ratio: 1.15, size_ratio: 1.3, size_max_rss_mb: 80 };
const HAVE_TIME = existsSync('/usr/bin/time');

const round = (x, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Runs a command; wall time in ms, exit status, output. */
function run(args, { stdout = 'ignore', env } = {}) {
  const started = process.hrtime.bigint();
  const r = spawnSync(NODE, args, { cwd: ROOT, stdio: ['ignore', stdout, 'pipe'], env: { ...process.env, NO_COLOR: '1', ...env }, maxBuffer: 1 << 28 });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  return { ms, status: r.status, stdout: r.stdout?.toString() ?? '', stderr: r.stderr?.toString() ?? '' };
}

/** Median wall times of several commands, run interleaved, after two warm-up rounds. */
function timeInterleaved(commands, runs) {
  const times = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
  for (let i = 0; i < runs + 2; i++) {
    for (const [name, args] of Object.entries(commands)) {
      const r = run(args);
      if (r.status !== 0) throw new Error(`${name} failed (exit ${r.status}): ${r.stderr}`);
      if (i >= 2) times[name].push(r.ms);
    }
  }
  return Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
}

/** Peak resident memory of a command in MB: /usr/bin/time -v, else the child's own resourceUsage(). */
function maxRss(args) {
  if (HAVE_TIME) {
    const started = process.hrtime.bigint();
    const r = spawnSync('/usr/bin/time', ['-v', NODE, ...args], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    const kb = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr.toString());
    if (kb) return { mb: round(Number(kb[1]) / 1024), ms, status: r.status };
  }
  const hook = 'data:text/javascript,process.on("exit",()=>process.stderr.write("\\nkplan-bench-maxrss-kb="+process.resourceUsage().maxRSS+"\\n"))';
  const r = run(['--import', hook, ...args]);
  const kb = /kplan-bench-maxrss-kb=(\d+)/.exec(r.stderr);
  return { mb: kb ? round(Number(kb[1]) / 1024) : null, ms: r.ms, status: r.status };
}

function machine() {
  let model = 'unknown';
  try {
    model = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1]?.trim() ?? model;
  } catch {
    // Not Linux.
  }
  return { cpus: availableParallelism(), model, node: process.version };
}

function startup() {
  const t = timeInterleaved(
    {
      node_e0: ['-e', '0'],
      version: [BIN, '--version'],
      // No target: what loading the CLI costs before a command computes anything.
      help: [BIN, '--help'],
      size_json: [BIN, 'size', SIZE_PROFILE, '--format', 'json'],
    },
    RUNS,
  );
  return {
    runs: RUNS,
    profile: SIZE_PROFILE,
    node_e0_ms: round(t.node_e0),
    version_ms: round(t.version),
    help_ms: round(t.help),
    size_json_ms: round(t.size_json),
    version_ratio: round(t.version / t.node_e0, 3),
    help_ratio: round(t.help / t.node_e0, 3),
    size_ratio: round(t.size_json / t.node_e0, 3),
  };
}

function memory() {
  const profiles = readdirSync(join(ROOT, 'profiles'))
    .filter((f) => f.endsWith('.yaml'))
    .sort();
  const size_max_rss_mb = {};
  for (const p of profiles) size_max_rss_mb[p.replace(/\.yaml$/, '')] = maxRss([BIN, 'size', `profiles/${p}`, '--format', 'json']).mb;
  return { method: HAVE_TIME ? '/usr/bin/time -v' : 'process.resourceUsage().maxRSS', size_max_rss_mb };
}

function sweep() {
  // The target: a 1,000-point sweep costs at most 3× one `size` run.
  const args = [BIN, 'sweep', SIZE_PROFILE, '--vary', 'traffic.records_per_second=100..100000:1000', '--format', 'json'];
  const probe = run(args, { stdout: 'pipe' });
  if (probe.status !== 0) return { skipped: `kplan sweep exited ${probe.status}: ${probe.stderr.split('\n')[0]}` };
  let points;
  try {
    points = JSON.parse(probe.stdout).points.length;
  } catch (e) {
    return { skipped: `kplan sweep gave no JSON points: ${String(e)}` };
  }
  const t = timeInterleaved({ sweep: args, size: [BIN, 'size', SIZE_PROFILE, '--format', 'json'] }, Math.max(5, Math.floor(RUNS / 3)));
  // ratio: the sweep's wall time in single `size` runs.
  return { points, sweep_ms: round(t.sweep), size_ms: round(t.size), ratio: round(t.sweep / t.size, 2), target_ratio: 3 };
}

// A profile that sizes to more than 32 shards, so the simulation runs its full 32 shards × 32 replicas.
const SIM_PROFILE = 'profiles/clickstream.yaml';

function simulation() {
  const withSim = [BIN, 'size', SIM_PROFILE, '--region', 'us-east-1', '--format', 'json', '--simulate', '--seed', '1'];
  const probe = run(withSim, { stdout: 'pipe' });
  if (probe.status !== 0) return { skipped: `size --simulate exited ${probe.status}: ${probe.stderr.split('\n')[0]}` };
  const sim = JSON.parse(probe.stdout).results[0]?.stream?.throttle?.simulation ?? {};
  const t = timeInterleaved({ simulate: withSim, plain: [BIN, 'size', SIM_PROFILE, '--region', 'us-east-1', '--format', 'json'] }, Math.max(5, Math.floor(RUNS / 3)));
  return {
    profile: SIM_PROFILE,
    shards: sim.shards_simulated ?? null,
    replicas: sim.replicas ?? null,
    seconds: 86_400,
    ms: round(t.simulate),
    without_ms: round(t.plain),
    simulation_ms: round(t.simulate - t.plain),
  };
}

function priceImport() {
  const dir = mkdtempSync(join(tmpdir(), 'kplan-bench-'));
  try {
    const out = {};
    for (const format of ['json', 'csv']) {
      const file = join(dir, `offer.${format}`);
      const gen = spawnSync(NODE, [join(ROOT, 'scripts', 'gen-offer.mjs'), '--format', format, '--size-mb', String(OFFER_MB), '--offer', 'AmazonKinesis'], {
        stdio: ['ignore', 'pipe', 'inherit'],
        maxBuffer: (OFFER_MB + 16) << 20,
      });
      if (gen.status !== 0) {
        out[`${format}_skipped`] = `gen-offer.mjs exited ${gen.status}`;
        continue;
      }
      // Written here rather than through a shell redirect, to keep the script shell-free.
      spawnSync(NODE, ['-e', 'require("fs").writeFileSync(process.argv[1], require("fs").readFileSync(0))', file], { input: gen.stdout });
      const r = maxRss([BIN, 'prices', 'import', file, '--output', join(dir, `catalogue-${format}.json`)]);
      out[`${format}_mb`] = round(statSync(file).size / 2 ** 20);
      out[`${format}_ms`] = round(r.ms);
      out[`${format}_max_rss_mb`] = r.mb;
      if (r.status !== 0) out[`${format}_exit`] = r.status;
    }
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function observeMetrics() {
  // The target: a 50 MB get-metric-data export (15 days of 1-minute sums) read in under 2 s.
  const dir = mkdtempSync(join(tmpdir(), 'kplan-bench-'));
  try {
    const file = join(dir, 'metrics.json');
    const gen = spawnSync(NODE, [join(ROOT, 'scripts', 'gen-metrics.mjs'), '--size-mb', String(METRICS_MB)], {
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: (METRICS_MB + 16) << 20,
    });
    if (gen.status !== 0) return { skipped: `gen-metrics.mjs exited ${gen.status}` };
    spawnSync(NODE, ['-e', 'require("fs").writeFileSync(process.argv[1], require("fs").readFileSync(0))', file], { input: gen.stdout });
    const args = [BIN, 'observe', file, '--output', join(dir, 'observed.yaml'), '--format', 'json'];
    const times = [];
    let rss = null;
    for (let i = 0; i < 3; i++) {
      const r = maxRss(args);
      if (r.status !== 0) return { skipped: `kplan observe exited ${r.status}` };
      times.push(r.ms);
      rss = r.mb;
    }
    return { mb: round(statSync(file).size / 2 ** 20), ms: round(median(times)), max_rss_mb: rss, target_ms: 2000 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Median CPU time (user + system, ms) of a command over `runs` runs, from /usr/bin/time; null without it. */
function cpuMs(args, runs) {
  if (!HAVE_TIME) return null;
  const xs = [];
  for (let i = 0; i < runs; i++) {
    const r = spawnSync('/usr/bin/time', ['-f', 'kplan-bench-cpu %U %S', NODE, ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, NO_COLOR: '1' },
    });
    const m = /kplan-bench-cpu ([\d.]+) ([\d.]+)/.exec(r.stderr.toString());
    if (r.status !== 0 || !m) return null;
    xs.push((Number(m[1]) + Number(m[2])) * 1000);
  }
  return round(median(xs));
}

// `kplan size` on every shipped profile, as a terminal prints it (table) and as CI reads it (json):
// wall (interleaved medians) and CPU time. BENCH_BASE=<another checkout, built> times the same files
// with that checkout's kplan as well, in the same interleaved rounds, for a before/after on one
// machine (profiles it refuses are skipped). CPU time is the steadier figure on a shared machine.
function profiles() {
  const base = process.env.BENCH_BASE;
  const baseBin = base ? join(base, 'bin', 'kplan.js') : undefined;
  const runs = Math.max(5, Math.floor(RUNS / 3));
  const out = {};
  for (const f of readdirSync(join(ROOT, 'profiles'))
    .filter((x) => x.endsWith('.yaml'))
    .sort()) {
    const file = join(ROOT, 'profiles', f);
    const rows = {};
    for (const format of ['table', 'json']) {
      const args = (bin) => [bin, 'size', file, '--format', format];
      const commands = { now: args(BIN) };
      if (baseBin !== undefined && run(args(baseBin)).status === 0) commands.base = args(baseBin);
      const t = timeInterleaved(commands, runs);
      const row = { ms: round(t.now), cpu_ms: cpuMs(args(BIN), runs) };
      if (commands.base) {
        const baseCpu = cpuMs(commands.base, runs);
        Object.assign(row, { base_ms: round(t.base), base_cpu_ms: baseCpu, ratio: round(t.now / t.base, 3) });
        if (row.cpu_ms !== null && baseCpu !== null) row.cpu_ratio = round(row.cpu_ms / baseCpu, 3);
      }
      rows[format] = row;
    }
    out[f.replace(/\.yaml$/, '')] = rows;
  }
  return base ? { base, profiles: out } : out;
}

// A list of 100,000 partition keys: every key is hashed once and each shard count of the search
// costs a walk over its even hash ranges. Target: `size` under 1 s.
const LISTED_KEYS = 100_000;

function listedKeys() {
  const dir = mkdtempSync(join(tmpdir(), 'kplan-bench-'));
  try {
    const file = join(dir, 'listed-keys.yaml');
    const keys = Array.from({ length: LISTED_KEYS }, (_, i) => `k${i.toString(36)}`);
    const yaml = [
      'version: 1',
      'name: listed-keys',
      'region: us-east-1',
      'traffic:',
      '  records_per_second: 20000',
      '  peak_records_per_second: 50000',
      '  record_size: 500 B',
      '  partition_key_size: 8 B',
      `  partition_keys: [${keys.join(', ')}]`,
      '  burstiness: medium',
      'stream:',
      '  mode: provisioned',
      '',
    ].join('\n');
    spawnSync(NODE, ['-e', 'require("fs").writeFileSync(process.argv[1], require("fs").readFileSync(0))', file], { input: yaml });
    const t = timeInterleaved({ size: [BIN, 'size', file, '--format', 'json'] }, Math.max(3, Math.floor(RUNS / 5)));
    return { keys: LISTED_KEYS, size_ms: round(t.size), target_ms: 1000 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (!existsSync(join(ROOT, 'dist', 'cli', 'main.js'))) {
  process.stderr.write('bench: dist/ is missing; run `npm run bench` (it builds first)\n');
  process.exit(2);
}

const result = { machine: machine(), build: existsSync(join(ROOT, 'dist', 'kplan.cjs')) ? 'bundle + V8 code cache' : 'tsc modules' };
// BENCH_ONLY=listed_keys (comma-separated section names) runs only those sections.
const only = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',')) : null;
const sections = { startup, memory, profiles, sweep, simulation, price_import: priceImport, observe: observeMetrics, listed_keys: listedKeys };
for (const [name, fn] of Object.entries(sections)) if (only === null || only.has(name)) result[name] = fn();
if (only !== null) {
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  process.exit(0);
}
result.targets = TARGETS;
const rss = Object.values(result.memory.size_max_rss_mb).filter((x) => typeof x === 'number');
result.pass = {
  version_ratio: result.startup.version_ratio <= TARGETS.version_ratio,
  size_ratio: result.startup.size_ratio <= TARGETS.size_ratio,
  size_max_rss_mb: rss.length > 0 && Math.max(...rss) <= TARGETS.size_max_rss_mb,
  sweep_ratio: typeof result.sweep.ratio === 'number' ? result.sweep.ratio <= 3 : null,
  simulation_ms: typeof result.simulation.simulation_ms === 'number' ? result.simulation.simulation_ms <= 3000 : null,
  observe_ms: typeof result.observe.ms === 'number' ? result.observe.ms <= 2000 : null,
  listed_keys_ms: result.listed_keys.size_ms <= result.listed_keys.target_ms,
  price_import:
    result.price_import.json_ms <= 5000 && result.price_import.csv_ms <= 5000 && result.price_import.json_max_rss_mb <= 300 && result.price_import.csv_max_rss_mb <= 300,
};
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
