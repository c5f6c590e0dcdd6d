#!/usr/bin/env node
// Regenerates the built-in price catalogue, src/prices/data/builtin.json, from the JSON data files
// the AWS pricing pages render their tables from:
//
//   npm run prices:update -- https://b0.p.awsstatic.com/pricing/2.0/meteredUnitMaps/kinesis/USD/current/kinesis.json \
//     …/kinesisfirehose/USD/current/kinesisfirehose.json …/s3/USD/current/s3.json …/lambda/USD/current/lambda.json
//   npm run prices:update -- kinesis.json kinesisfirehose.json s3.json lambda.json     # saved copies, offline
//
// Deterministic: the same files give the same bytes. Figures for price keys no file labels (On-demand
// Advantage) are kept from the current catalogue with their own sources. Runs on dist/ (npm script
// compiles first). Exit 2 on a file that cannot be read, nothing written.

import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { validateCatalogue } from '../dist/prices/catalogue.js';
import { catalogueText, generateCatalogue } from '../dist/prices/generate.js';
import { formatIssue } from '../dist/errors.js';

const target = fileURLToPath(new URL('../src/prices/data/builtin.json', import.meta.url));
const args = process.argv.slice(2).filter((a) => a !== '--');
const check = args.includes('--check');
const inputs = args.filter((a) => a !== '--check');
if (inputs.length === 0) {
  process.stderr.write('usage: npm run prices:update -- [--check] <data file or URL> …\n');
  process.exit(2);
}

async function read(input) {
  if (/^https?:\/\//.test(input)) {
    const res = await fetch(input);
    if (!res.ok) throw new Error(`${input}: HTTP ${res.status}`);
    return new Uint8Array(await res.arrayBuffer());
  }
  return readFileSync(input);
}

try {
  const files = [];
  for (const name of inputs) files.push({ name, bytes: await read(name) });
  const previous = validateCatalogue(JSON.parse(readFileSync(target, 'utf8')), target);
  const { catalogue, imports, kept } = generateCatalogue(files, previous);
  const text = catalogueText(catalogue);
  for (const r of imports) {
    const priced = r.perRegion.filter((p) => p.imported.length > 0).length;
    process.stdout.write(`${r.offerCode} ${r.publicationDate}: ${priced} Regions\n`);
    for (const w of r.warnings) process.stdout.write(`  note: ${w}\n`);
  }
  if (kept.length > 0) process.stdout.write(`kept from other sources (no file labels them): ${kept.join(', ')}\n`);
  if (check) {
    const same = readFileSync(target, 'utf8') === text;
    process.stdout.write(same ? 'builtin.json is up to date\n' : 'builtin.json differs from the files\n');
    process.exit(same ? 0 : 1);
  }
  writeFileSync(`${target}.tmp`, text);
  renameSync(`${target}.tmp`, target);
  process.stdout.write(`wrote ${target} (${Object.keys(catalogue.regions).length} Regions, as of ${catalogue.as_of})\n`);
} catch (err) {
  if (err && Array.isArray(err.issues)) for (const i of err.issues) process.stderr.write(formatIssue(i) + '\n');
  else process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(2);
}
