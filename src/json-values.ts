// Parsed JSON values as the readers of saved reports, price catalogues and offer files check them.

/** A JSON object (not null, not an array). */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A value's type for a message: `null`, the word for an array, `an object`, or `number 3`. */
export function jsonTypeName(v: unknown, arrayWord = 'a list'): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return arrayWord;
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  return typeof v === 'object' ? 'an object' : `${typeof v} ${JSON.stringify(v)}`;
}
