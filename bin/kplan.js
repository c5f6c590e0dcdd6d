#!/usr/bin/env node
// Thin shim: the CLI lives in dist/ (built by `npm install` / `npm run build`). Startup is most of
// a run's wall time in CI loops, so:
// - this file is CommonJS (bin/package.json): Node starts it without the ES module loader;
// - `--version` alone is answered here from package.json, before anything else is loaded;
// - dist/kplan.cjs (one bundled file, scripts/build.mjs) is compiled with its V8 code cache;
// - without the bundle (a plain `tsc` build), the ES modules in dist/cli/ are used.
'use strict';
const { readFileSync, statSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const DIST = join(__dirname, '..', 'dist');

/** Modification time in ms, or -1 when the file is missing. */
function mtime(file) {
  return statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? -1;
}

async function run() {
  const bundle = join(DIST, 'kplan.cjs');
  const bundleTime = mtime(bundle);
  // A bundle older than tsc's output is stale (only `tsc` ran since): use the modules.
  if (bundleTime < 0 || bundleTime < mtime(join(DIST, 'cli', 'main.js'))) {
    const { pathToFileURL } = require('node:url');
    const { nodeIo } = await import(pathToFileURL(join(DIST, 'cli', 'io.js')).href);
    const { main } = await import(pathToFileURL(join(DIST, 'cli', 'main.js')).href);
    return main(await nodeIo());
  }
  // ASCII, which scripts/build.mjs checks: Latin-1 copies the bytes, where UTF-8 decodes them.
  const code = readFileSync(bundle, 'latin1');
  const { Script } = require('node:vm');
  const cacheFile = process.env.KPLAN_WRITE_CODE_CACHE;
  let cachedData;
  // V8 checks a cache against the source's length, not its bytes: use only one made after the bundle.
  if (cacheFile === undefined && mtime(`${bundle}.cache`) >= bundleTime) cachedData = readFileSync(`${bundle}.cache`);
  // The CommonJS wrapper, so the bundle sees require/module/exports as in a .cjs file.
  const script = new Script(`(function (exports, require, module, __filename, __dirname) {${code}\n})`, { filename: bundle, cachedData });
  const mod = { exports: {} };
  script.runInThisContext()(mod.exports, require('node:module').createRequire(bundle), mod, bundle, DIST);
  const exitCode = await mod.exports.run();
  // Build time only (scripts/build.mjs): save the code V8 compiled during this run.
  if (cacheFile !== undefined) writeFileSync(cacheFile, script.createCachedData());
  return exitCode;
}

const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
  // package.json's version; a test keeps src/version.ts equal to it.
  process.stdout.write(`${JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8')).version}\n`);
} else {
  run().then(
    (code) => {
      // Done: exit now rather than let Node wait for V8's background work (optimising compiles and
      // concurrent marking still in flight after a long sweep), unless output is still buffered.
      if (process.stdout.writableLength === 0 && process.stderr.writableLength === 0) process.exit(code);
      process.exitCode = code;
    },
    (err) => {
      // main() reports every error itself; this is only reached if the shim or the bundle fails to load.
      process.stderr.write(`kplan: cannot start: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 3;
    },
  );
}
