// Units and conversions, in one place. kplan follows AWS's billing convention:
// KB = KiB = 1,024 B, MB = MiB = 2^20 B, GB = GiB = 2^30 B (docs/profile.md;
// https://aws.amazon.com/kinesis/data-streams/pricing/ bills PUT payload units of 25 KB = 25,600 B).

export const KIB = 1024;
export const MIB = 1024 * 1024;
export const GIB = 1024 * 1024 * 1024;

/** Hours in a billing month: AWS Pricing Calculator convention. */
export const HOURS_PER_MONTH = 730;
export const HOURS_PER_DAY = 24;
export const SECONDS_PER_HOUR = 3600;
export const SECONDS_PER_DAY = 86_400;
/** 730 h × 3,600 s. */
export const SECONDS_PER_MONTH = HOURS_PER_MONTH * SECONDS_PER_HOUR;

export function bytesToGiB(bytes: number): number {
  return bytes / GIB;
}

export function bytesToMiB(bytes: number): number {
  return bytes / MIB;
}

/** Bytes per second sustained over a 730-hour month, in GB (2^30 B). */
export function bytesPerSecondToGiBPerMonth(bytesPerSecond: number): number {
  return (bytesPerSecond * SECONDS_PER_MONTH) / GIB;
}

/** Rate per second sustained over a 730-hour month, as a count. */
export function perSecondToPerMonth(ratePerSecond: number): number {
  return ratePerSecond * SECONDS_PER_MONTH;
}

/** The documented spellings only (docs/profile.md): "1 kb" or "5 M" are refused with a did-you-mean, not guessed. */
const SIZE_UNITS: Record<string, number> = {
  B: 1,
  KB: KIB,
  KiB: KIB,
  MB: MIB,
  MiB: MIB,
  GB: GIB,
  GiB: GIB,
};

const DURATION_UNITS: Record<string, number> = {
  ms: 0.001,
  s: 1,
  m: 60,
  h: 3600,
  d: 86_400,
};

/** Parses "1.5 KiB", "100MB", "2048" into bytes; undefined when the text is not a size. */
export function parseSizeText(text: string): number | undefined {
  const m = /^\s*([0-9]+(?:\.[0-9]+)?(?:e[+-]?[0-9]+)?)\s*([a-zA-Z]*)\s*$/i.exec(text);
  if (!m) return undefined;
  const value = Number(m[1]);
  const unit = m[2] ?? '';
  const factor = unit === '' ? 1 : Object.hasOwn(SIZE_UNITS, unit) ? SIZE_UNITS[unit] : undefined;
  if (factor === undefined || !Number.isFinite(value)) return undefined;
  return value * factor;
}

/** Parses "100ms", "60s", "24h", "7d", "90" into seconds; undefined when the text is not a duration. */
export function parseDurationText(text: string): number | undefined {
  const m = /^\s*([0-9]+(?:\.[0-9]+)?(?:e[+-]?[0-9]+)?)\s*([a-zA-Z]*)\s*$/i.exec(text);
  if (!m) return undefined;
  const value = Number(m[1]);
  const unit = m[2] ?? '';
  const factor = unit === '' ? 1 : Object.hasOwn(DURATION_UNITS, unit) ? DURATION_UNITS[unit] : undefined;
  if (factor === undefined || !Number.isFinite(value)) return undefined;
  return value * factor;
}

/** Formats a byte count with a binary unit, for people. */
export function formatBytes(bytes: number, digits = 2): string {
  const abs = Math.abs(bytes);
  if (abs >= GIB) return `${trim(bytes / GIB, digits)} GiB`;
  if (abs >= MIB) return `${trim(bytes / MIB, digits)} MiB`;
  if (abs >= KIB) return `${trim(bytes / KIB, digits)} KiB`;
  return `${trim(bytes, digits)} B`;
}

/** Formats seconds as the largest whole unit that reads well ("300 s", "1.5 h"). */
export function formatSeconds(seconds: number): string {
  if (seconds >= 86_400 && seconds % 3600 === 0 && seconds >= 2 * 86_400) return `${trim(seconds / 86_400, 2)} d`;
  if (seconds >= 3600 * 2) return `${trim(seconds / 3600, 2)} h`;
  if (seconds >= 120) return `${trim(seconds / 60, 2)} min`;
  if (seconds < 1 && seconds > 0) return `${trim(seconds * 1000, 0)} ms`;
  return `${trim(seconds, 2)} s`;
}

function trim(value: number, digits: number): string {
  if (Math.abs(value) >= 1e15) return formatLarge(value);
  return Number(value.toFixed(digits)).toString();
}

/**
 * A number too large for its digits to mean anything, with three significant digits:
 * `2.78e+296`, not `2.7777777777777773e+296` or `2,628,000,000,000,000.5`.
 */
export function formatLarge(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  return Number(n.toPrecision(3)).toExponential();
}

/**
 * A number with thousands separators ("1,234,567.89"), at most `maxFractionDigits` decimals.
 * Written out so that no command pays ICU set-up. Unlike formatFractionDigits (below) it rounds as
 * toFixed does, the double's exact value (1.0005 → "1", en-US "1.001"), and never prints "-0".
 */
export function formatGrouped(n: number, maxFractionDigits = 3): string {
  if (!Number.isFinite(n)) return String(n);
  if (Math.abs(n) >= 1e15 && !Number.isSafeInteger(n)) return formatLarge(n);
  const fixed = Math.abs(n).toFixed(maxFractionDigits);
  if (fixed.includes('e')) return String(n);
  // Plain string slicing (no split or regular expressions): warnings and details format many numbers.
  const dot = fixed.indexOf('.');
  const int = dot < 0 ? fixed : fixed.slice(0, dot);
  let end = fixed.length;
  if (dot >= 0) while (end > dot + 1 && fixed.charCodeAt(end - 1) === 48 /* 0 */) end--;
  const trimmed = dot >= 0 && end > dot + 1 ? fixed.slice(dot + 1, end) : '';
  const grouped = groupThousands(int);
  const sign = n < 0 && (grouped !== '0' || trimmed !== '') ? '-' : '';
  return `${sign}${grouped}${trimmed ? `.${trimmed}` : ''}`;
}

/**
 * Numbers as en-US Intl.NumberFormat prints them, written out: the first Intl call builds ICU's
 * formatter (~30 ms of a `kplan size` run). ICU rounds the shortest decimal that reads back as the
 * double (String(n)'s digits), half away from zero, not the double's exact binary value as
 * Number#toFixed does: 1.005 → "1.01" where (1.005).toFixed(2) is "1.00". So the digits come from
 * toExponential(), which gives those shortest digits for every finite double, 5e-324 to 1.8e308.
 * Negatives keep their sign when they round to zero ("-0"), as en-US does.
 */
function formatEnUs(n: number, keepDigits: (exponent: number) => number, minimumFractionDigits: number): string {
  if (!Number.isFinite(n)) return Number.isNaN(n) ? 'NaN' : n > 0 ? '∞' : '-∞';
  let digits = '';
  let exponent = 0; // of the first digit: digits[i] stands for 10^(exponent - i)
  if (n !== 0) {
    const text = Math.abs(n).toExponential(); // "d.ddde±x"
    const e = text.indexOf('e');
    digits = text.length > 1 && text.charCodeAt(1) === 46 /* . */ ? text[0] + text.slice(2, e) : text.slice(0, e);
    exponent = Number(text.slice(e + 1));
    const keep = keepDigits(exponent);
    if (keep < digits.length) {
      if (keep >= 0 && digits.charCodeAt(keep) >= 53 /* 5 */) {
        // Round up: trailing nines become zeros, which are dropped.
        let i = keep - 1;
        while (i >= 0 && digits.charCodeAt(i) === 57 /* 9 */) i--;
        if (i < 0) {
          digits = '1';
          exponent += 1;
        } else digits = digits.slice(0, i) + String.fromCharCode(digits.charCodeAt(i) + 1);
      } else digits = keep > 0 ? digits.slice(0, keep) : '';
    }
    let end = digits.length;
    while (end > 0 && digits.charCodeAt(end - 1) === 48 /* 0 */) end--;
    digits = digits.slice(0, end);
  }
  let int = '0';
  let fraction = '';
  if (digits !== '' && exponent >= 0) {
    int = digits.length > exponent + 1 ? digits.slice(0, exponent + 1) : digits + '0'.repeat(exponent + 1 - digits.length);
    fraction = digits.slice(exponent + 1);
  } else if (digits !== '') fraction = '0'.repeat(-exponent - 1) + digits;
  if (fraction.length < minimumFractionDigits) fraction += '0'.repeat(minimumFractionDigits - fraction.length);
  const sign = n < 0 || Object.is(n, -0) ? '-' : '';
  return `${sign}${groupThousands(int)}${fraction === '' ? '' : `.${fraction}`}`;
}

/** "1234567" → "1,234,567". */
function groupThousands(int: string): string {
  if (int.length <= 3) return int;
  const head = ((int.length - 1) % 3) + 1;
  let grouped = int.slice(0, head);
  for (let i = head; i < int.length; i += 3) grouped += `,${int.slice(i, i + 3)}`;
  return grouped;
}

/** As `new Intl.NumberFormat('en-US', { minimumFractionDigits, maximumFractionDigits }).format(n)`. */
export function formatFractionDigits(n: number, maximumFractionDigits: number, minimumFractionDigits = 0): string {
  return formatEnUs(n, (exponent) => exponent + 1 + maximumFractionDigits, minimumFractionDigits);
}

const ICU_SIGNIFICANT = new Map<number, Intl.NumberFormat>();

/** As `new Intl.NumberFormat('en-US', { maximumSignificantDigits }).format(n)`: 123456 → "123,000" at 3. */
export function formatSignificantDigits(n: number, maximumSignificantDigits: number): string {
  if (maximumSignificantDigits <= 14) return formatEnUs(n, () => maximumSignificantDigits, 0);
  // Past 14 digits ICU rounds near a power of ten by the magnitude of its own 15-digit estimate of
  // the double (1 - 2^-53 at 16 digits prints "1"); kplan prints at most 6, so leave that to ICU.
  let f = ICU_SIGNIFICANT.get(maximumSignificantDigits);
  if (f === undefined) ICU_SIGNIFICANT.set(maximumSignificantDigits, (f = new Intl.NumberFormat('en-US', { maximumSignificantDigits })));
  return f.format(n);
}

/** As `n.toLocaleString('en-US')`: grouped, at most three decimals. */
export function formatLocaleNumber(n: number): string {
  return formatFractionDigits(n, 3);
}

/** Money rounded to cents: "$1,234.56"; a positive amount under half a cent shows as "<$0.01", never "$0.00". */
export function formatUsd(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (n > 0 && n < 0.005) return '<$0.01';
  if (n < 0 && n > -0.005) return '>-$0.01';
  const text = formatFractionDigits(Math.abs(n), 2, 2);
  return n < 0 ? `-$${text}` : `$${text}`;
}

/** Grouped, with at most one decimal, rounded as en-US does: "1,234.5", "12". */
export function formatOneDecimal(n: number): string {
  return formatFractionDigits(n, 1);
}
