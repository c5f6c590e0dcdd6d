#!/usr/bin/env node
// Runs npm scripts side by side and fails if any fails: `node scripts/together.mjs typecheck test:unit`.
// `npm test` runs the typecheck (one core, 6–13 s without its incremental cache) beside vitest,
// whose two workers leave a core idle while the last long files finish; Chromium, which takes both
// cores, runs after them.

import { spawn } from 'node:child_process';

const names = process.argv.slice(2);
if (names.length === 0) {
  process.stderr.write('usage: node scripts/together.mjs <npm script> [<npm script> ...]\n');
  process.exit(2);
}
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const codes = await Promise.all(
  names.map(
    (name) =>
      new Promise((resolve) => {
        const child = spawn(npm, ['run', '--silent', name], { stdio: 'inherit' });
        child.on('error', (e) => {
          process.stderr.write(`together: cannot run npm run ${name}: ${e.message}\n`);
          resolve(1);
        });
        child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
      }),
  ),
);
const failed = names.filter((_, i) => codes[i] !== 0);
if (failed.length > 0) process.stderr.write(`together: failed: ${failed.join(', ')}\n`);
process.exit(failed.length > 0 ? 1 : 0);
