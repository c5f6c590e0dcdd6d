#!/usr/bin/env node
// Thin shim: the CLI lives in dist/ (built by `npm install` / `npm run build`). Startup is most of
// a run's wall time in CI loops, so:
// - `--version` alone is answered here, before anything else is loaded;
// - dist/kplan.cjs (one bundled file, scripts/build.mjs) is compiled with its V8 code cache;
// - without the bundle (a plain `tsc` build), the modules in dist/cli/ are used.
import { readFileSync, statSync, writeFileSync } from 'node:fs';

const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  const { KPLAN_VERSION } = await import('../dist/version.js');
  process.stdout.write(`${KPLAN_VERSION}\n`);
} else {
  const code = await run();
  // Done: exit now rather than let Node wait for V8's background work (optimising compiles and
  // concurrent marking still in flight after a long sweep) — unless output is still buffered.
  if (process.stdout.writableLength === 0 && process.stderr.writableLength === 0) process.exit(code);
  process.exitCode = code;
}

/** Modification time in ms, or -1 when the file is missing. */
function mtime(url) {
  return statSync(url, { throwIfNoEntry: false })?.mtimeMs ?? -1;
}

async function run() {
  const bundle = new URL('../dist/kplan.cjs', import.meta.url);
  const bundleTime = mtime(bundle);
  // A bundle older than tsc's output is stale (only `tsc` ran since): use the modules.
  if (bundleTime < 0 || bundleTime < mtime(new URL('../dist/cli/main.js', import.meta.url))) {
    const { nodeIo } = await import('../dist/cli/io.js');
    const { main } = await import('../dist/cli/main.js');
    return main(await nodeIo());
  }
  const code = readFileSync(bundle, 'utf8');
  const [{ Script }, { createRequire }, { fileURLToPath }] = await Promise.all([import('node:vm'), import('node:module'), import('node:url')]);
  const filename = fileURLToPath(bundle);
  const cacheFile = process.env.KPLAN_WRITE_CODE_CACHE;
  let cachedData;
  // V8 checks a cache against the source's length, not its bytes: use only one made after the bundle.
  if (cacheFile === undefined && mtime(new URL('kplan.cjs.cache', bundle)) >= bundleTime) cachedData = readFileSync(new URL('kplan.cjs.cache', bundle));
  // The CommonJS wrapper, so the bundle sees require/module/exports as in a .cjs file.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${code}\n})`, { filename, cachedData });
  const mod = { exports: {} };
  script.runInThisContext()(mod.exports, createRequire(filename), mod, filename, fileURLToPath(new URL('.', bundle)));
  const exitCode = await mod.exports.run();
  // Build time only (scripts/build.mjs): save the code V8 compiled during this run.
  if (cacheFile !== undefined) writeFileSync(cacheFile, script.createCachedData());
  return exitCode;
}
