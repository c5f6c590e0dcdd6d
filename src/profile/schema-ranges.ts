// Regular expressions for "a decimal number in a unit, at most X": what lets the JSON Schema refuse
// "11 MiB" as a record size or "300 B" as a partition key, as the validator does. JSON Schema has
// no arithmetic on strings, so the range is spelled out digit by digit per unit.

/** The exact decimal expansion of a non-negative double (powers of two end), trailing zeros cut. */
export function exactDecimal(x: number): { int: string; frac: string } {
  const fixed = x.toFixed(60);
  const [int = '0', frac = ''] = fixed.split('.');
  return { int: int.replace(/^0+(?=\d)/, ''), frac: frac.replace(/0+$/, '') };
}

function digitBelow(d: string): string | undefined {
  const n = Number(d);
  if (n === 0) return undefined;
  return n === 1 ? '0' : `[0-${n - 1}]`;
}

/** Integers (no leading zeros needed; leading zeros allowed) strictly below `a` (a digit string). */
function intBelow(a: string): string[] {
  const alts: string[] = [];
  if (a === '0') return alts;
  // Fewer digits.
  if (a.length > 1) alts.push(`[0-9]{1,${a.length - 1}}`);
  // Same length, smaller at the first differing digit.
  for (let i = 0; i < a.length; i++) {
    const below = digitBelow(a[i] as string);
    if (below === undefined) continue;
    if (i === 0 && a.length > 1 && below === '0') continue; // a leading 0 is the shorter case
    const head = i === 0 && a.length > 1 ? (below === '0' ? '' : below.replace('[0-', '[1-')) : below;
    if (head === '' || head === '[1-0]') continue;
    alts.push(`${a.slice(0, i)}${head}${a.length - i - 1 > 0 ? `[0-9]{${a.length - i - 1}}` : ''}`);
  }
  return alts;
}

/** Fraction digits (after the point) whose value is at most 0.`b`. */
function fracAtMost(b: string): string {
  if (b === '') return '0*';
  const alts: string[] = [`${b}0*`];
  for (let i = 0; i < b.length; i++) {
    alts.push(b.slice(0, i)); // a prefix is smaller or equal
    const below = digitBelow(b[i] as string);
    if (below !== undefined) alts.push(`${b.slice(0, i)}${below}[0-9]*`);
  }
  return `(?:${[...new Set(alts)].join('|')})`;
}

/** A decimal number (digits, optional fraction, no exponent) whose value is at most `max`. */
export function decimalAtMost(max: number): string {
  const { int, frac } = exactDecimal(max);
  const below = intBelow(int);
  const alts: string[] = [];
  if (below.length > 0) alts.push(`0*(?:${below.join('|')})(?:\\.[0-9]+)?`);
  alts.push(`0*${int === '0' ? '' : int}(?:\\.${fracAtMost(frac)})?`.replace('0*(?:', '0*(?:'));
  if (int === '0') alts[alts.length - 1] = `0+(?:\\.${fracAtMost(frac)})?|\\.${fracAtMost(frac)}`;
  return `(?:${alts.join('|')})`;
}

/** Fraction digits whose value is strictly below 0.`b` (`b` has no trailing zeros). */
function fracBelow(b: string): string | undefined {
  const alts: string[] = [];
  for (let i = 0; i < b.length; i++) {
    alts.push(`${b.slice(0, i)}0*`);
    const below = digitBelow(b[i] as string);
    if (below !== undefined) alts.push(`${b.slice(0, i)}${below}[0-9]*`);
  }
  return alts.length === 0 ? undefined : `(?:${[...new Set(alts)].join('|')})`;
}

/** A decimal number (no exponent) whose value is strictly below `min`. */
export function decimalBelow(min: number): string {
  const { int, frac } = exactDecimal(min);
  const alts: string[] = [];
  const below = intBelow(int);
  if (below.length > 0) alts.push(`0*(?:${below.join('|')})(?:\\.[0-9]*)?`);
  const f = fracBelow(frac);
  if (f !== undefined) alts.push(int === '0' ? `0*(?:\\.${f})?|\\.${f}` : `0*${int}(?:\\.${f})?`);
  return alts.length === 0 ? '(?!)' : `(?:${alts.join('|')})`;
}

/** Size units and their bytes, as the parser reads them (src/units.ts). */
export const SIZE_UNIT_BYTES: readonly [string, number][] = [
  ['B', 1],
  ['KB', 1024],
  ['KiB', 1024],
  ['MB', 1024 ** 2],
  ['MiB', 1024 ** 2],
  ['GB', 1024 ** 3],
  ['GiB', 1024 ** 3],
];

export const DURATION_UNIT_SECONDS: readonly [string, number][] = [
  ['ms', 0.001],
  ['s', 1],
  ['m', 60],
  ['h', 3600],
  ['d', 86_400],
];

/**
 * A size or duration string at most `max` (bytes or seconds): one alternative per unit, plus any
 * number in e-notation (its range is the validator's to check). No unit means bytes / seconds.
 */
export function quantityAtMostPattern(max: number, units: readonly [string, number][]): string {
  return quantityPattern(max, units, decimalAtMost, true);
}

/** A size or duration string below `min` (no e-notation: kplan checks those). */
export function quantityBelowPattern(min: number, units: readonly [string, number][]): string {
  return quantityPattern(min, units, decimalBelow, false);
}

function quantityPattern(bound: number, units: readonly [string, number][], decimal: (x: number) => string, withExponent: boolean): string {
  const max = bound;
  const byFactor = new Map<number, string[]>();
  for (const [u, f] of units) byFactor.set(f, [...(byFactor.get(f) ?? []), u]);
  const alts: string[] = [];
  for (const [f, us] of byFactor) {
    const unit = f === 1 ? `(?:${us.join('|')})?` : `(?:${us.join('|')})`;
    alts.push(`${decimal(max / f)}\\s*${unit}`);
  }
  const anyUnit = units.map(([u]) => u).join('|');
  if (withExponent) alts.push(`[0-9]+(?:\\.[0-9]+)?[eE][+-]?[0-9]+\\s*(?:${anyUnit})?`);
  return `^\\s*(?:${alts.join('|')})\\s*$`;
}

/** A quantity string whose number is zero ("0", "0.0 KiB"). */
export function zeroPattern(units: readonly [string, number][]): string {
  return `^\\s*(?:0+(?:\\.0*)?|\\.0+)(?:[eE][+-]?[0-9]+)?\\s*(?:${units.map(([u]) => u).join('|')})?\\s*$`;
}
