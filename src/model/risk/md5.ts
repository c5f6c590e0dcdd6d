// MD5 (RFC 1321) in plain TypeScript. Kinesis places a record by MD5(partition key) read as an
// unsigned 128-bit big-endian integer (https://docs.aws.amazon.com/kinesis/latest/APIReference/API_PutRecords.html); this module stays free of node:crypto
// so the risk library runs anywhere.

const S: readonly number[] = [
  7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 7, 12, 17, 22, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 5, 9, 14, 20, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 4, 11, 16, 23, 6,
  10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21, 6, 10, 15, 21,
];

/** K[i] = floor(2^32 · |sin(i + 1)|), RFC 1321 §3.4. */
const K = new Int32Array(64);
for (let i = 0; i < 64; i++) K[i] = Math.floor(Math.abs(Math.sin(i + 1)) * 4294967296) | 0;
const SH = Int32Array.from(S);

/** The 16 message words of a block, reused by every call (md5 is not re-entrant). */
const WORDS = new Int32Array(16);

/** MD5 digest (16 bytes) of `bytes`. */
export function md5(bytes: Uint8Array): Uint8Array {
  const buf = new Uint8Array((((bytes.length + 8) >>> 6) + 1) << 6);
  buf.set(bytes);
  digest(buf, bytes.length);
  const out = new Uint8Array(16);
  const view = new DataView(out.buffer);
  for (let i = 0; i < 4; i++) view.setInt32(4 * i, STATE[i]!, true);
  return out;
}

/** Message words of every round: round i reads word G[i] (RFC 1321 §3.4). */
const G = new Int32Array(64);
for (let i = 0; i < 64; i++) G[i] = i < 16 ? i : i < 32 ? (5 * i + 1) & 15 : i < 48 ? (3 * i + 5) & 15 : (7 * i) & 15;

/** The digest's four words a0 … d0, written by digest() (not re-entrant, like WORDS). */
const STATE = new Int32Array(4);

/**
 * MD5 of the first n bytes of buf, into STATE: pads buf in place (0x80, zeros to 56 mod 64, then
 * the bit length as 64-bit little-endian), so buf must hold ((n + 8) >>> 6) + 1 blocks of 64 bytes.
 */
function digest(buf: Uint8Array, n: number): void {
  const total = (((n + 8) >>> 6) + 1) << 6;
  buf[n] = 0x80;
  buf.fill(0, n + 1, total - 8);
  const bitsLo = (n * 8) >>> 0;
  const bitsHi = Math.floor(n / 0x20000000) >>> 0;
  for (let i = 0; i < 4; i++) {
    buf[total - 8 + i] = (bitsLo >>> (8 * i)) & 0xff;
    buf[total - 4 + i] = (bitsHi >>> (8 * i)) & 0xff;
  }
  const M = WORDS;
  let a0 = 0x67452301 | 0;
  let b0 = 0xefcdab89 | 0;
  let c0 = 0x98badcfe | 0;
  let d0 = 0x10325476 | 0;
  for (let off = 0; off < total; off += 64) {
    for (let i = 0; i < 16; i++) {
      const p = off + 4 * i;
      M[i] = buf[p]! | (buf[p + 1]! << 8) | (buf[p + 2]! << 16) | (buf[p + 3]! << 24);
    }
    let a = a0;
    let b = b0;
    let c = c0;
    let d = d0;
    // The four rounds as four loops: no branch per step.
    for (let i = 0; i < 16; i++) {
      const x = (a + ((b & c) | (~b & d)) + K[i]! + M[G[i]!]!) | 0;
      const s = SH[i]!;
      a = d;
      d = c;
      c = b;
      b = (b + ((x << s) | (x >>> (32 - s)))) | 0;
    }
    for (let i = 16; i < 32; i++) {
      const x = (a + ((d & b) | (~d & c)) + K[i]! + M[G[i]!]!) | 0;
      const s = SH[i]!;
      a = d;
      d = c;
      c = b;
      b = (b + ((x << s) | (x >>> (32 - s)))) | 0;
    }
    for (let i = 32; i < 48; i++) {
      const x = (a + (b ^ c ^ d) + K[i]! + M[G[i]!]!) | 0;
      const s = SH[i]!;
      a = d;
      d = c;
      c = b;
      b = (b + ((x << s) | (x >>> (32 - s)))) | 0;
    }
    for (let i = 48; i < 64; i++) {
      const x = (a + (c ^ (b | ~d)) + K[i]! + M[G[i]!]!) | 0;
      const s = SH[i]!;
      a = d;
      d = c;
      c = b;
      b = (b + ((x << s) | (x >>> (32 - s)))) | 0;
    }
    a0 = (a0 + a) | 0;
    b0 = (b0 + b) | 0;
    c0 = (c0 + c) | 0;
    d0 = (d0 + d) | 0;
  }
  STATE[0] = a0;
  STATE[1] = b0;
  STATE[2] = c0;
  STATE[3] = d0;
}

/** Scratch of md5KeyWords: a key's UTF-8 bytes and padding, grown for longer keys. */
let scratch = new Uint8Array(1024);

/**
 * MD5 of the UTF-8 key `key`, written to out[at … at + 3] as the digest's four 32-bit words read
 * big-endian (out[at] is the most significant of the 128-bit hash key). The same digest as md5(),
 * without an allocation per key: a list of 100,000 keys is hashed in one tight loop.
 */
export function md5KeyWords(key: string, out: Uint32Array, at: number): void {
  let n = 0;
  let ascii = true;
  for (let i = 0; i < key.length; i++) {
    if (key.charCodeAt(i) >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) {
    n = key.length;
    if (scratch.length < n + 72) scratch = new Uint8Array(2 * (n + 72));
    for (let i = 0; i < n; i++) scratch[i] = key.charCodeAt(i);
  } else {
    const bytes = utf8(key);
    n = bytes.length;
    if (scratch.length < n + 72) scratch = new Uint8Array(2 * (n + 72));
    scratch.set(bytes);
  }
  digest(scratch, n);
  // The digest is a0 … d0 little-endian: each word byte-swapped reads it big-endian.
  for (let i = 0; i < 4; i++) out[at + i] = bswap(STATE[i]!);
}

function bswap(x: number): number {
  return (((x & 0xff) << 24) | ((x & 0xff00) << 8) | ((x >>> 8) & 0xff00) | (x >>> 24)) >>> 0;
}

/** UTF-8 bytes of `s` (lone surrogates become U+FFFD, as TextEncoder does). */
export function utf8(s: string): Uint8Array {
  // ASCII, as most partition keys are: one byte per character.
  let ascii = true;
  for (let i = 0; i < s.length && ascii; i++) ascii = s.charCodeAt(i) < 0x80;
  if (ascii) {
    const b = new Uint8Array(s.length);
    for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i);
    return b;
  }
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = i + 1 < s.length ? s.charCodeAt(i + 1) : 0;
      if (d >= 0xdc00 && d <= 0xdfff) {
        c = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
      } else c = 0xfffd;
    } else if (c >= 0xdc00 && c <= 0xdfff) c = 0xfffd;
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return Uint8Array.from(out);
}

/** Lower-case hex of a byte array. */
export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += bytes[i]!.toString(16).padStart(2, '0');
  return s;
}
