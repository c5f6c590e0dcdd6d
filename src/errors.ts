// One catalogue of user-facing problems. Every problem is a value (an Issue); a run that cannot
// go on carries its issues in a UsageError (exit 2). Only the CLI entry turns these into exit codes.

import { sanitize } from './text/sanitize.js';
import { formatLocaleNumber } from './units.js';

/** The kinds of problem kplan reports. The code is stable; tests and users may match on it. */
export type IssueCode =
  | 'yaml-syntax' // the text is not valid YAML
  | 'too-large' // input over the size limit
  | 'alias-limit' // YAML aliases expand too far (billion laughs)
  | 'too-deep' // nesting deeper than any profile needs
  | 'duplicate-key' // the same key twice in one mapping
  | 'forbidden-key' // __proto__, constructor, prototype
  | 'unknown-key' // a key the profile format does not have
  | 'missing-key' // a required key is absent
  | 'wrong-type' // e.g. a string where a number belongs
  | 'out-of-range' // a number outside its allowed range
  | 'bad-enum' // a value not among the allowed words
  | 'bad-size' // a size that cannot be read ("10 parsecs")
  | 'bad-duration' // a duration that cannot be read
  | 'bad-region' // an unknown region code
  | 'inconsistent' // values that contradict each other (peak < average, shares not summing to 1)
  | 'not-finite' // NaN, Infinity
  | 'unsupported-version'
  | 'bad-set' // a --set flag that cannot be read
  | 'bad-vary' // a --vary flag that cannot be read
  | 'bad-flag' // another command-line flag is wrong
  | 'file-not-found'
  | 'not-a-file'
  | 'unreadable'
  | 'not-utf8'
  | 'bad-report' // a saved JSON report that is not a kplan report
  | 'bad-catalogue' // a price catalogue file that cannot be used
  | 'bad-offer-file' // an AWS Price List offer file that cannot be imported
  | 'json-syntax' // a JSON input (CloudWatch metrics) that is not valid JSON
  | 'bad-metrics'; // CloudWatch metrics that cannot be read as kplan reads them (shape, period, label)

export interface SourcePosition {
  /** 1-based line. */
  line: number;
  /** 1-based column. */
  col: number;
}

export interface Issue {
  code: IssueCode;
  /** 'error' stops the run; 'warning' is reported and the run goes on. */
  severity: 'error' | 'warning';
  /** File name as the user gave it, `<stdin>`, or `--set` for an override. */
  file?: string;
  position?: SourcePosition;
  /** Dotted key path, e.g. `traffic.record_size` or `consumers[1].polls_per_second`. */
  path?: string;
  message: string;
  expected?: string;
  found?: string;
  hint?: string;
}

/** A problem with the input or the command line: exit 2, no stack trace. */
export class UsageError extends Error {
  readonly issues: Issue[];
  constructor(issues: Issue[]) {
    super(issues.map((i) => i.message).join('; '));
    this.name = 'UsageError';
    this.issues = issues;
  }
}

/** Builds a single-issue UsageError. */
export function usageError(code: IssueCode, message: string, extra: Partial<Issue> = {}): UsageError {
  return new UsageError([{ code, severity: 'error', message, ...extra }]);
}

/** An echoed value cut to a readable length: a 100 KB `--set` value is not repeated whole. */
function shorten(text: string, max = 200): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${formatLocaleNumber(text.length)} characters)`;
}

/**
 * Formats one issue as `file:line:col: error: path: message (expected …, found …) hint`. Every
 * field may echo the input (a key, a value, a file name), so each passes the sanitiser.
 */
export function formatIssue(raw: Issue): string {
  const issue: Issue = { ...raw };
  for (const k of ['file', 'path', 'message', 'expected', 'found', 'hint'] as const) {
    const v = raw[k];
    if (v !== undefined) issue[k] = sanitize(k === 'found' || k === 'file' ? shorten(v) : v);
  }
  const where: string[] = [];
  if (issue.file !== undefined) {
    where.push(issue.position ? `${issue.file}:${issue.position.line}:${issue.position.col}` : issue.file);
  }
  // One prefix style: `<where>: error: …`; without a place, the program is the place.
  const head = where.length > 0 ? `${where[0]}: ` : 'kplan: ';
  const path = issue.path ? `${issue.path}: ` : '';
  const lines = [`${head}${issue.severity}: ${path}${issue.message}`];
  const detail: string[] = [];
  if (issue.expected !== undefined) detail.push(`expected ${issue.expected}`);
  if (issue.found !== undefined) detail.push(`found ${issue.found}`);
  if (detail.length > 0) lines.push(`  ${detail.join(', ')}`);
  if (issue.hint !== undefined) lines.push(`  hint: ${issue.hint}`);
  return lines.join('\n');
}

/** Levenshtein distance, for "did you mean" hints. */
export function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  let prev = new Array<number>(n + 1);
  let cur = new Array<number>(n + 1);
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[n] ?? 0;
}

/** The closest candidates to `word` (at most three), for a "did you mean" hint. */
export function suggest(word: string, candidates: readonly string[]): string[] {
  const lower = word.toLowerCase();
  const limit = Math.max(2, Math.floor(word.length / 3));
  return candidates
    .map((c) => ({ c, d: editDistance(lower, c.toLowerCase()) }))
    .filter(({ c, d }) => d <= limit || c.toLowerCase().startsWith(lower) || lower.startsWith(c.toLowerCase()))
    .sort((x, y) => x.d - y.d || x.c.localeCompare(y.c))
    .slice(0, 3)
    .map(({ c }) => c);
}

/** "did you mean `a` or `b`?" or undefined. */
export function didYouMean(word: string, candidates: readonly string[]): string | undefined {
  const s = suggest(word, candidates);
  if (s.length === 0) return undefined;
  return `did you mean ${s.map((x) => `\`${x}\``).join(' or ')}?`;
}
