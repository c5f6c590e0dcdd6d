import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { md5, toHex, utf8 } from '../../src/model/risk/md5.js';
import { runs } from '../helpers/depth.js';

const nodeMd5 = (b: Uint8Array): string => createHash('md5').update(b).digest('hex');

describe('md5', () => {
  it('matches RFC 1321 test vectors', () => {
    expect(toHex(md5(utf8('')))).toBe('d41d8cd98f00b204e9800998ecf8427e');
    expect(toHex(md5(utf8('abc')))).toBe('900150983cd24fb0d6963f7d28e17f72');
    expect(toHex(md5(utf8('message digest')))).toBe('f96b697d7cb7938d525a2f31aaf161d0');
    expect(toHex(md5(utf8('12345678901234567890123456789012345678901234567890123456789012345678901234567890')))).toBe('57edf4a22be3c955ac49da2e2107b67a');
  });

  it('matches node:crypto on block-boundary lengths', () => {
    for (let n = 0; n < 200; n++) {
      const b = new Uint8Array(n).map((_, i) => (i * 31 + n) & 255);
      expect(toHex(md5(b))).toBe(nodeMd5(b));
    }
  });

  it('matches node:crypto on random strings (UTF-8, full Unicode)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => {
        expect(toHex(md5(utf8(s)))).toBe(createHash('md5').update(s, 'utf8').digest('hex'));
      }),
      { numRuns: runs(1000) },
    );
  });

  it('matches node:crypto on random byte arrays', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 1000 }), (b) => {
        expect(toHex(md5(b))).toBe(nodeMd5(b));
      }),
      { numRuns: runs(300) },
    );
  });
});

describe('utf8', () => {
  it('encodes like Buffer, lone surrogates included', () => {
    for (const s of ['héllo', '€', '𝄞', '\ud800', 'a\udc00b', '\ud83d\ude00', 'x\ud83d']) {
      expect(Array.from(utf8(s))).toEqual(Array.from(Buffer.from(s, 'utf8')));
    }
  });
});
