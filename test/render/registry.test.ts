// `--format json` must not load chalk or cli-table3 (startup cost in CI loops), and renderers stay
// pure. Both are checked on the static import graph of src/render.

import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderReport } from '../../src/render/index.js';
import type { Report } from '../../src/report/types.js';

const src = fileURLToPath(new URL('../../src/', import.meta.url));

/** Static imports (not `import()`) of a source file, resolved: relative ones to .ts paths. */
function staticImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/^\s*(?:import|export)\s[^;]*?\sfrom\s+'([^']+)'/gm)].map((m) => m[1] ?? '');
  return specs.map((s) => (s.startsWith('.') ? resolve(dirname(file), s.replace(/\.js$/, '.ts')) : s));
}

/** Everything a file loads before any dynamic import runs. */
function staticGraph(entry: string): Set<string> {
  const seen = new Set<string>();
  const todo = [entry];
  while (todo.length > 0) {
    const file = todo.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    if (file.endsWith('.ts')) todo.push(...staticImports(file));
  }
  return seen;
}

describe('render registry', () => {
  it('loads neither chalk nor cli-table3 for json (nor for the registry itself)', () => {
    for (const entry of ['render/index.ts', 'render/json.ts']) {
      const graph = staticGraph(join(src, entry));
      expect(
        [...graph].filter((m) => m === 'chalk' || m === 'cli-table3'),
        entry,
      ).toEqual([]);
    }
  });

  it('keeps markdown free of terminal libraries', () => {
    const graph = staticGraph(join(src, 'render/markdown.ts'));
    expect([...graph].filter((m) => m === 'chalk' || m === 'cli-table3')).toEqual([]);
  });

  it('table uses chalk (so the checks above can fail)', () => {
    expect(staticGraph(join(src, 'render/table.ts')).has('chalk')).toBe(true);
  });

  it("no renderer loads cli-table3 (the layout tests' oracle, a devDependency)", () => {
    for (const entry of ['render/table.ts', 'render/prices.ts', 'render/diff.ts', 'render/check.ts', 'render/sweep.ts']) {
      expect(staticGraph(join(src, entry)).has('cli-table3'), entry).toBe(false);
    }
  });

  it('renderers import no node: modules and touch no process, console or environment', () => {
    for (const file of ['format', 'json', 'table', 'grid', 'markdown', 'explain', 'index']) {
      const path = join(src, `render/${file}.ts`);
      const graph = staticGraph(path);
      expect(
        [...graph].filter((m) => m.startsWith('node:')),
        file,
      ).toEqual([]);
      const code = readFileSync(path, 'utf8').replace(/\/\/.*$/gm, '');
      expect(code, file).not.toMatch(/\b(process|console)\.|globalThis/);
    }
  });

  it('rejects an unknown format', async () => {
    const report = { schema_version: 1, kplan_version: '0', profile: { name: 'x', file: 'x' }, prices: { as_of: '', source: '' }, results: [] } as Report;
    await expect(renderReport(report, 'yaml' as 'json', { color: false, explain: false })).rejects.toThrow(/unknown report format: yaml/);
  });
});
