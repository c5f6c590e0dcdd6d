#!/usr/bin/env node
// Measures kplan's hand-written offer readers (src/prices/import.ts) against two maintained parsers,
// @streamparser/json and csv-parse, for the review recorded in docs/development.md. Not a project
// dependency: install the two into a scratch folder and point LIBS at its node_modules.
//
//   npm run build
//   (cd /tmp/libs && npm init -y && npm install @streamparser/json@0.0.26 csv-parse@7.0.3)
//   node scripts/gen-offer.mjs --format json --size-mb 50 > /tmp/offer.json
//   node scripts/gen-offer.mjs --format csv --size-mb 50 > /tmp/offer.csv
//   LIBS=/tmp/libs/node_modules /usr/bin/time -v node scripts/bench-parsers.mjs speed kplan-json /tmp/offer.json
//   LIBS=/tmp/libs/node_modules node scripts/bench-parsers.mjs strict
//
// `speed <reader> <file>` runs one reader once in this process (run each under /usr/bin/time -v for
// its peak memory); `strict` feeds every reader the hostile inputs and says which it rejects, and where.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { importOfferFile } from '../dist/prices/import.js';

const LIBS = process.env.LIBS ?? 'node_modules';
const req = createRequire(join(LIBS, 'x.js'));
// createRequire resolves the CommonJS builds, which import() hands over as the default export.
const lib = async (name) => {
  const m = await import(req.resolve(name));
  return m.default ?? m;
};
const { JSONParser } = await lib('@streamparser/json');
const { parse: parseCsvSync } = await lib('csv-parse/sync');

/** @streamparser/json: every product and OnDemand term handed over one at a time, as import.ts needs. */
function libJson(bytes) {
  let products = 0;
  let terms = 0;
  const p = new JSONParser({ paths: ['$.products.*', '$.terms.OnDemand.*'], keepStack: false });
  p.onValue = ({ stack }) => {
    if (stack[1]?.key === 'products') products++;
    else terms++;
  };
  const chunk = 1 << 16;
  for (let i = 0; i < bytes.length; i += chunk) p.write(bytes.subarray(i, i + chunk));
  // The parser ends itself after the top-level value; end() then only checks for truncation.
  if (!p.isEnded) p.end();
  return { products, terms };
}

/** csv-parse: the rows after the metadata, every field decoded, column count checked. */
function libCsv(bytes) {
  const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  const rows = parseCsvSync(text, { from_line: 6, bom: true, relax_column_count: false, skip_empty_lines: true });
  return { rows: rows.length };
}

const READERS = {
  'kplan-json': (b) => importOfferFile(b, 'offer.json').perRegion.length,
  'kplan-csv': (b) => importOfferFile(b, 'offer.csv').perRegion.length,
  'streamparser-json': libJson,
  'csv-parse': libCsv,
};

const mode = process.argv[2];
if (mode === 'speed') {
  const [name, file] = process.argv.slice(3);
  const bytes = readFileSync(file);
  const t = process.hrtime.bigint();
  const out = READERS[name](bytes);
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  process.stdout.write(`${name} ${file}: ${ms.toFixed(0)} ms, ${JSON.stringify(out)}\n`);
} else if (mode === 'strict') {
  const json = readFileSync(new URL('../test/fixtures/offers/kinesis-offer.json', import.meta.url), 'utf8');
  const csv = readFileSync(new URL('../test/fixtures/offers/kinesis-offer.csv', import.meta.url), 'utf8');
  const csvRows = csv.split('\n');
  const cases = {
    json: {
      'truncated (half the file)': json.slice(0, json.length >> 1),
      'text after the end': `${json}garbage`,
      'raw control character in a string': json.replace('"AmazonKinesis"', '"Amazon\u0001Kinesis"'),
      'bad escape': json.replace('"AmazonKinesis"', '"Amazon\\qKinesis"'),
      'nesting 100,000 deep': json.replace('"terms"', `"deep": ${'['.repeat(100000)}${']'.repeat(100000)}, "terms"`),
      'missing comma': json.replace('"offerCode"', '"x": 1 "offerCode"'),
      'leading zero number': json.replace('"products"', '"n": 01, "products"'),
    },
    csv: {
      'truncated inside a quoted field': csv.slice(0, csv.lastIndexOf('"') - 3),
      'a row with a field missing': [...csvRows.slice(0, 8), csvRows[8].slice(0, csvRows[8].lastIndexOf(',')), ...csvRows.slice(9)].join('\n'),
      'text after a closing quote': csv.replace('"OnDemand"', '"OnDemand"x'),
      'a quote inside an unquoted field': csv.replace('"OnDemand"', 'On"Demand'),
      'bytes that are not UTF-8': Buffer.concat([Buffer.from(csv.slice(0, 2000)), Buffer.from([0xff, 0xfe]), Buffer.from(csv.slice(2000))]),
    },
  };
  for (const [kind, inputs] of Object.entries(cases)) {
    const names = kind === 'json' ? ['kplan-json', 'streamparser-json'] : ['kplan-csv', 'csv-parse'];
    for (const [what, input] of Object.entries(inputs)) {
      const bytes = typeof input === 'string' ? Buffer.from(input) : input;
      const verdicts = names.map((n) => {
        try {
          READERS[n](bytes);
          return `${n}: ACCEPTED`;
        } catch (err) {
          const issue = err?.issues?.[0];
          const where = issue?.position ? ` at ${issue.position.line}:${issue.position.col}` : '';
          const msg = (issue?.message ?? err?.message ?? String(err)).split('\n')[0].slice(0, 90);
          return `${n}: rejected${where} (${msg})`;
        }
      });
      process.stdout.write(`${kind} | ${what} | ${verdicts.join(' | ')}\n`);
    }
  }
} else {
  process.stderr.write('usage: bench-parsers.mjs speed <reader> <file> | strict\n');
  process.exit(2);
}
