// Golden files: every fixture in test/fixtures/reports/<name>.json is rendered in every format with
// colour off and compared to <name>.<format>.txt (and <name>.<format>.explain.txt with --explain).
// After an intended change to the output, rewrite them with:
//   UPDATE_GOLDEN=1 npx vitest run test/render
// and review the diff of test/fixtures/reports/ before committing.

import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderReport, FORMATS } from '../../src/render/index.js';
import type { Report } from '../../src/report/types.js';

const dir = fileURLToPath(new URL('../fixtures/reports/', import.meta.url));
const update = process.env.UPDATE_GOLDEN === '1';
const fixtures = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.slice(0, -'.json'.length))
  .sort();

function load(name: string): Report {
  return JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')) as Report;
}

describe('golden output', () => {
  it('has the four fixtures', () => {
    expect(fixtures).toEqual(['firehose-only', 'on-demand-regions', 'provisioned-firehose', 'unknown-prices']);
  });

  for (const name of fixtures) {
    for (const format of FORMATS) {
      for (const explain of format === 'json' ? [false] : [false, true]) {
        const file = `${name}.${format}${explain ? '.explain' : ''}.txt`;
        it(file, async () => {
          const text = await renderReport(load(name), format, { color: false, explain });
          const path = join(dir, file);
          if (update || !existsSync(path)) {
            if (!update) throw new Error(`missing golden file ${file}; run with UPDATE_GOLDEN=1`);
            writeFileSync(path, text);
          }
          expect(text).toBe(readFileSync(path, 'utf8'));
        });
      }
    }
  }
});
