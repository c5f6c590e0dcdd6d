// Explanations are built only for --explain. Skipping them must change nothing else in a report.

import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseProfile } from '../../src/profile/parse.js';
import { REGION_CODES } from '../../src/prices/regions.js';
import { plan } from '../../src/model/plan.js';
import { builtinCatalogue } from '../../src/prices/catalogue.js';

const DIR = resolve(import.meta.dirname, '../../profiles');

describe('plans with and without explanations', () => {
  for (const file of readdirSync(DIR)
    .filter((f) => f.endsWith('.yaml'))
    .sort()) {
    it(`${file}: the same report apart from explain`, () => {
      const parsed = parseProfile(readFileSync(resolve(DIR, file)), { file, regionCodes: REGION_CODES });
      const profile = parsed.profile!;
      const withExplain = plan(profile, builtinCatalogue(), { explain: true });
      const without = plan(profile, builtinCatalogue(), { explain: false });
      expect(withExplain.results.every((r) => (r.explain?.length ?? 0) > 0)).toBe(true);
      expect(without.results.every((r) => r.explain === undefined)).toBe(true);
      const strip = (r: typeof withExplain) => JSON.parse(JSON.stringify({ ...r, results: r.results.map(({ explain: _explain, ...rest }) => rest) }));
      expect(strip(without)).toEqual(strip(withExplain));
    });
  }
});
