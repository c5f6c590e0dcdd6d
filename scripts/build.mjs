#!/usr/bin/env node
// Bundles the CLI into dist/kplan.cjs (one file: kplan, commander, yaml, chalk) and
// writes a V8 code cache for it. Runs after `tsc` in `npm run build`; dist/ keeps tsc's modules
// for the library entry points and scripts/bench-risk.mjs.
//
// Why: on Node 20 a `kplan size` spends more time resolving, reading and compiling ~120 modules
// than computing. One file removes the resolution; the code cache (made by running the bundle
// once, so it holds the lazily compiled functions too) removes most of the compilation. Node 20
// has no module.enableCompileCache, so bin/kplan.js loads the bundle through vm.Script with
// `cachedData`; a cache from another V8 is rejected by V8 and the bundle compiles as usual.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { browserBundleOptions } from './browser-bundle.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * Node built-ins a dependency requires at load but kplan never calls (commander loads
 * child_process for executable subcommands, which kplan has none of): the bundle gets a stand-in
 * that requires the real module on first property access, saving its load (~1 ms, with net and
 * dgram behind it) on every run.
 */
function lazyBuiltins(names) {
  const filter = new RegExp(`^(node:)?(${names.join('|')})$`);
  return {
    name: 'lazy-builtins',
    setup(b) {
      b.onResolve({ filter }, (args) =>
        args.namespace === 'lazy-builtin' ? { path: args.path, external: true } : { path: args.path.replace(/^node:/, ''), namespace: 'lazy-builtin' },
      );
      b.onLoad({ filter: /.*/, namespace: 'lazy-builtin' }, (args) => ({
        contents: `let m; module.exports = new Proxy({}, { get: (_, k) => (m ??= require('node:${args.path}'))[k], has: (_, k) => k in (m ??= require('node:${args.path}')) });`,
        loader: 'js',
      }));
    },
  };
}
/**
 * JSON modules as JSON.parse of a string instead of an object literal: V8 parses JSON text several
 * times faster than the same data as JavaScript, and the built-in price catalogue is ~430 KB that
 * every `size` reads.
 */
function jsonAsParse() {
  return {
    name: 'json-as-parse',
    setup(b) {
      b.onLoad({ filter: /\.json$/ }, async (args) => {
        const text = await readFile(args.path, 'utf8');
        // Parsed here first, so a broken file fails the build rather than the first run.
        const json = JSON.parse(text);
        if (args.path === BUILTIN_PRICES) return { contents: builtinPricesModule(json), loader: 'js' };
        return { contents: `module.exports = JSON.parse(${JSON.stringify(JSON.stringify(json))});`, loader: 'js' };
      });
    },
  };
}

const BUILTIN_PRICES = `${root}src/prices/data/builtin.json`;
/** Beside the bundle: one file of built-in prices per Region (see builtinPricesModule). */
const PRICES_DIR = 'builtin-prices';

/**
 * The built-in price catalogue for the bundle: its head inline, each Region's prices in a file of
 * its own under dist/builtin-prices/, read and parsed when the Region is first read (a getter on
 * `regions`). A `size` reads one Region of 36: inline, the other ~270 KB cost every run ~10 ms of
 * CPU (reading and deserialising a larger bundle and code cache, parsing, collecting).
 */
function builtinPricesModule(json) {
  const { regions, ...head } = json;
  const dir = `${root}dist/${PRICES_DIR}`;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  for (const [code, region] of Object.entries(regions)) {
    if (!/^[a-z0-9-]+$/.test(code)) throw new Error(`build: Region code ${JSON.stringify(code)} cannot name a file`);
    writeFileSync(`${dir}/${code}.json`, JSON.stringify(region));
  }
  return [
    "const { readFileSync } = require('node:fs');",
    `const data = JSON.parse(${JSON.stringify(JSON.stringify(head))});`,
    'const regions = {};',
    `for (const code of ${JSON.stringify(Object.keys(regions))}) {`,
    '  let region;',
    `  const read = () => JSON.parse(readFileSync(\`\${__dirname}/${PRICES_DIR}/\${code}.json\`, 'utf8'));`,
    '  Object.defineProperty(regions, code, { enumerable: true, get: () => (region ??= read()) });',
    '}',
    'data.regions = regions;',
    'module.exports = data;',
  ].join('\n');
}

const out = `${root}dist/kplan.cjs`;
const cache = `${out}.cache`;

await build({
  stdin: {
    contents: "import { nodeIo } from './io.js'; import { main } from './main.js'; export async function run() { return main(await nodeIo()); }",
    resolveDir: `${root}src/cli`,
    loader: 'ts',
    sourcefile: 'kplan-entry.ts',
  },
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  // import() of bundled modules becomes a lazy require: commands, renderers and chalk are
  // evaluated only when used (`--format json` never evaluates chalk).
  supported: { 'dynamic-import': false },
  // Readable names in `--debug` stacks; with the code cache, minifying gains nothing measurable.
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: 'none',
  outfile: out,
  logLevel: 'warning',
  plugins: [lazyBuiltins(['child_process']), jsonAsParse()],
  // src/cli/html.ts reads import.meta.url only where __dirname is missing (the ES modules), never here.
  logOverride: { 'empty-import-meta': 'silent' },
});

// bin/kplan.js reads the bundle as Latin-1, a plain copy of its bytes, which is UTF-8 decoding only
// for ASCII (and twice as fast for a file this size): keep it ASCII. esbuild escapes strings, not
// regular expression literals.
{
  const bytes = readFileSync(out);
  const at = bytes.findIndex((b) => b > 0x7f);
  if (at >= 0)
    throw new Error(`build: ${out} has a non-ASCII byte at offset ${at} (write it as \\u.... in the source): ${bytes.subarray(Math.max(0, at - 40), at + 8).toString()}`);
}

// The page's live what-if (`--format html`): the model, profile reader and page renderer for the
// browser, one minified script that the CLI inlines into the page (read only for --format html).
await build({ ...browserBundleOptions(root), outfile: `${root}dist/browser.js` });

// The cache: run a representative command once and let the shim save V8's code for everything it
// compiled on the way.
rmSync(cache, { force: true });
const r = spawnSync(process.execPath, [`${root}bin/kplan.js`, 'size', `${root}profiles/fastapi-logs.yaml`, '--format', 'json'], {
  env: { ...process.env, KPLAN_WRITE_CODE_CACHE: cache, NO_COLOR: '1' },
  stdio: ['ignore', 'ignore', 'inherit'],
});
if (r.status !== 0 || !existsSync(cache)) {
  // Not fatal: kplan runs without the cache, only slower to start.
  process.stderr.write(`build: no code cache written (exit ${r.status}); kplan will compile at startup\n`);
  rmSync(cache, { force: true });
}
