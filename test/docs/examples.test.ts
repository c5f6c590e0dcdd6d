// Every example output in README.md and docs/*.md (a fenced block starting `$ kplan …`) is what
// kplan prints today. `npm run docs:update` rewrites them after a deliberate change; the rules
// (excerpts with `…`, the fixed environment) are in scripts/docs-examples.mjs.

import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { main } from '../../src/cli/main.js';
import { compareExample, docPages, findExamples, runExample, splitArgs, updateExample } from '../../scripts/docs-examples.mjs';

const ROOT = resolve(import.meta.dirname, '../..');

describe('example outputs in the docs', () => {
  const pages = docPages(ROOT).map((page) => ({ page, examples: findExamples(readFileSync(resolve(ROOT, page), 'utf8')) }));

  it('the README and the what-if page show real outputs', () => {
    const count = (p: string) => pages.find((x) => x.page === p)?.examples.length ?? 0;
    expect(count('README.md')).toBeGreaterThan(0);
    expect(count('docs/whatif.md')).toBeGreaterThan(2);
  });

  for (const { page, examples } of pages) {
    for (const ex of examples) {
      it(`${page}:${ex.line} ${ex.command}`, async () => {
        const { code, lines } = await runExample(main, ROOT, ex.args);
        expect(code, lines.join('\n')).not.toBe(3);
        const diff = compareExample(ex.body, lines);
        if (diff !== null) {
          const at = `${page}:${ex.line + 1 + diff.offset}`;
          expect.fail(`${at}: the example of \`${ex.command}\` (${page}:${ex.line}) is not what kplan prints; run \`npm run docs:update\`\n${diff.message}`);
        }
      });
    }
  }
});

describe('the example rules', () => {
  const out = ['a 1', 'b 2', 'c 3', 'd 4', 'e 5'];

  it('a full example must match line for line', () => {
    expect(compareExample(out, out)).toBeNull();
    expect(compareExample(out.slice(0, 4), out)?.offset).toBe(4);
    expect(compareExample(['a 1', 'b 9', 'c 3', 'd 4', 'e 5'], out)?.offset).toBe(1);
  });

  it('an excerpt shows whole runs of lines in order, anchored unless `…` says otherwise', () => {
    expect(compareExample(['a 1', 'b 2', '…', 'e 5'], out)).toBeNull();
    expect(compareExample(['…', 'c 3', '…'], out)).toBeNull();
    expect(compareExample(['…', 'd 4', 'e 5'], out)).toBeNull();
    expect(compareExample(['b 2', '…'], out)).not.toBeNull(); // not the start
    expect(compareExample(['…', 'd 4'], out)).not.toBeNull(); // not the end
    expect(compareExample(['…', 'd 4', '…', 'b 2', '…'], out)).not.toBeNull(); // out of order
    expect(compareExample(['…', 'b 2', 'd 4', '…'], out)).not.toBeNull(); // not contiguous
    expect(compareExample(['…'], out)).not.toBeNull(); // shows nothing
  });

  it('an update finds each shown run again: sections whole, other runs by their look', () => {
    const next = ['Head', '  a 1', '  new', '', 'Sec', '  b 7', '', '  c 8', '  d 9', 'End', '  e 10'];
    const body = ['Head', '  a 1', '…', '  c 3', '…', 'End', '  e 5'];
    expect(compareExample(body, next)).not.toBeNull();
    const updated = updateExample(body, next);
    expect(updated).toEqual(['Head', '  a 1', '  new', '…', '  c 8', '…', 'End', '  e 10']);
    expect(compareExample(updated, next)).toBeNull();
    expect(updateExample(out, next)).toEqual(next);
    expect(() => updateExample(['…', '  x 3', '…'], next)).toThrow(/by hand/);
  });

  it('splits a command line like a shell, and refuses pipes', () => {
    expect(splitArgs(`size p.yaml --set 'a={b: 1, c: 2}' --set "x=y z"`)).toEqual(['size', 'p.yaml', '--set', 'a={b: 1, c: 2}', '--set', 'x=y z']);
    expect(() => splitArgs('sweep p.yaml | head')).toThrow(/shell/);
  });
});
