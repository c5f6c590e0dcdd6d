// CloudWatch timestamps as the AWS CLI prints them: ISO 8601 with an offset
// (`2026-11-30T10:00:00+00:00`, `…Z`, fractional seconds allowed), or epoch seconds when the CLI's
// `cli_timestamp_format` is `none`. Parsed by hand: a 50 MB export holds over a million of them and
// Date.parse is several times slower and accepts forms that are not timestamps.

export interface ParsedTimestamp {
  /** Milliseconds since the epoch, UTC. */
  ms: number;
  /** Offset from UTC in minutes as written (0 for `Z`), or null when none was written. */
  offsetMinutes: number | null;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/i;

let dayCacheKey = '';
let dayCacheMs = 0;

/** Digit value of the character at i, or NaN. */
function dig(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : Number.NaN;
}

let hourCacheKey = '';
let hourCacheMs = 0;

/**
 * The AWS CLI's own form, `2026-11-30T10:00:00+00:00` (or `…Z`), read with character arithmetic:
 * one day-and-hour prefix is shared by sixty 1-minute points, so it is cached.
 */
function fastUtc(v: string): number | undefined {
  const n = v.length;
  if (!((n === 25 && v.endsWith('+00:00')) || (n === 20 && v.charCodeAt(19) === 90)) || v.charCodeAt(10) !== 84 || v.charCodeAt(13) !== 58 || v.charCodeAt(16) !== 58)
    return undefined;
  if (!(hourCacheKey.length === 13 && v.startsWith(hourCacheKey))) {
    const prefix = v.slice(0, 13);
    const hour = dig(v, 11) * 10 + dig(v, 12);
    if (!(hour <= 23)) return undefined;
    const day = slowParse(`${v.slice(0, 10)}T00:00:00Z`);
    if (day === undefined) return undefined;
    hourCacheKey = prefix;
    hourCacheMs = day.ms + hour * 3_600_000;
  }
  const minute = dig(v, 14) * 10 + dig(v, 15);
  const second = dig(v, 17) * 10 + dig(v, 18);
  if (!(minute <= 59 && second <= 59)) return undefined;
  return hourCacheMs + (minute * 60 + second) * 1000;
}

/** Parses a timestamp; undefined when it is not one. */
export function parseTimestamp(v: unknown): ParsedTimestamp | undefined {
  if (typeof v === 'string') {
    const fast = fastUtc(v);
    if (fast !== undefined) return { ms: fast, offsetMinutes: 0 };
  }
  return slowParse(v);
}

/** Any accepted form, through the regular expression. */
function slowParse(v: unknown): ParsedTimestamp | undefined {
  if (typeof v === 'number') {
    // Epoch seconds (the CLI without timestamp formatting); anything before 2000 is not a metric.
    return Number.isFinite(v) && v > 946_684_800 && v < 32_503_680_000 ? { ms: Math.round(v * 1000), offsetMinutes: 0 } : undefined;
  }
  if (typeof v !== 'string' || v.length > 40) return undefined;
  const m = ISO.exec(v);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac, zone] = m;
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = s === undefined ? 0 : Number(s);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return undefined;
  const dayKey = `${y}-${mo}-${d}`;
  if (dayKey !== dayCacheKey) {
    const ms = Date.UTC(Number(y), month - 1, day);
    // Date.UTC rolls 2026-02-31 over into March: such a date is not a date.
    if (new Date(ms).getUTCDate() !== day) return undefined;
    dayCacheKey = dayKey;
    dayCacheMs = ms;
  }
  let offsetMinutes: number | null = null;
  if (zone !== undefined) {
    if (zone === 'Z' || zone === 'z') offsetMinutes = 0;
    else {
      const digits = zone.replace(':', '');
      const oh = Number(digits.slice(1, 3));
      const om = Number(digits.slice(3, 5));
      if (oh > 23 || om > 59) return undefined;
      offsetMinutes = (zone[0] === '-' ? -1 : 1) * (oh * 60 + om);
    }
  }
  const fracMs = frac === undefined ? 0 : Math.round(Number(frac) * 1000);
  const ms = dayCacheMs + ((hour * 60 + minute) * 60 + second) * 1000 + fracMs - (offsetMinutes ?? 0) * 60_000;
  return { ms, offsetMinutes };
}

/** `2026-11-30T10:00Z` (seconds shown only when not zero). */
export function formatUtc(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.endsWith(':00.000Z') ? `${iso.slice(0, 16)}Z` : `${iso.slice(0, 19)}Z`;
}
