// Hostile price files: every byte mutation, truncation or splice of a real data file and a Price List
// offer either imports or is refused as a located `bad-offer-file` issue; nothing else escapes.

import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { importOfferFile } from '../../src/prices/import.js';
import { validateCatalogue } from '../../src/prices/catalogue.js';
import { runs } from '../helpers/depth.js';

const files = [
  readFileSync(new URL('../fixtures/unit-maps/kinesis-2025-11-03.json', import.meta.url)),
  readFileSync(new URL('../fixtures/unit-maps/kinesisfirehose-2025-08-28.json', import.meta.url)),
  readFileSync(new URL('../fixtures/offers/kinesis-offer.json', import.meta.url)),
  readFileSync(new URL('../fixtures/offers/kinesis-offer.csv', import.meta.url)),
];

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('byte' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('splice' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 200 }), from: fc.nat() }),
);

type Mutation = { kind: 'byte' | 'cut' | 'splice'; at: number; value?: number; len?: number; from?: number };

function mutate(b: Buffer, m: Mutation): Buffer {
  const at = m.at % b.length;
  if (m.kind === 'cut') return b.subarray(0, at);
  const out = Buffer.from(b);
  if (m.kind === 'byte') {
    out[at] = m.value!;
    return out;
  }
  const from = m.from! % b.length;
  return Buffer.concat([out.subarray(0, at), b.subarray(from, from + m.len!), out.subarray(at)]);
}

describe('hostile price files', () => {
  test('import, or a located bad-offer-file issue, never anything else', () => {
    fc.assert(
      fc.property(fc.nat({ max: files.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 3 }), (i, ms) => {
        let b: Buffer = files[i]!;
        for (const m of ms) b = mutate(b, m);
        try {
          const r = importOfferFile(b, 'x');
          // what imports is a valid catalogue fragment
          expect(() => validateCatalogue(r.catalogue, 'fragment')).not.toThrow();
        } catch (err) {
          expect(err).toBeInstanceOf(UsageError);
          const issue = (err as UsageError).issues[0]!;
          expect(issue.code).toBe('bad-offer-file');
          expect(issue.file).toBe('x');
        }
      }),
      { numRuns: runs(2000) },
    );
  });
});
