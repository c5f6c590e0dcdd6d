#!/usr/bin/env node
// Rewrites every example output in README.md and docs/*.md (fenced blocks starting `$ kplan …`)
// from a real run of the built CLI (dist/, so run through `npm run docs:update`, which builds
// first). Excerpts (blocks with `…` lines) keep their shape; see scripts/docs-examples.mjs.
// test/docs/examples.test.ts checks the same blocks against the sources.

import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { join } from 'node:path';
import { docPages, findExamples, runExample, updateExample } from './docs-examples.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const { main } = await import(pathToFileURL(join(root, 'dist/cli/main.js')).href);

let changed = 0;
let failed = 0;
for (const page of docPages(root)) {
  const text = readFileSync(join(root, page), 'utf8');
  const lines = text.split('\n');
  const examples = findExamples(text);
  // From the last block up, so earlier line numbers stay valid while later blocks change length.
  for (const ex of examples.reverse()) {
    const where = `${page}:${ex.line}`;
    try {
      const { code, lines: actual } = await runExample(main, root, ex.args);
      if (code === 3) throw new Error(`internal error (exit 3):\n${actual.join('\n')}`);
      const body = updateExample(ex.body, actual);
      if (body.join('\n') !== ex.body.join('\n')) {
        lines.splice(ex.bodyStart, ex.bodyEnd - ex.bodyStart, ...body);
        changed++;
        console.log(`updated ${where}  ${ex.command}`);
      }
    } catch (err) {
      failed++;
      console.error(`${where}: ${ex.command}\n  ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  const next = lines.join('\n');
  if (next !== text) writeFileSync(join(root, page), next);
}
console.log(`${changed} example(s) updated${failed > 0 ? `, ${failed} failed` : ''}`);
process.exitCode = failed > 0 ? 1 : 0;
