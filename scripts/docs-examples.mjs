// Example outputs in the docs, generated from real runs and checked by a test.
//
// In README.md and docs/*.md, a fenced block whose first line is `$ kplan <args>` is an example:
// the lines after it are what that command prints (standard output and standard error in the
// order written, no colour, run from the repository root). A line that is only `…` means "lines
// omitted here", so a page can show an excerpt: the shown runs of lines must appear in the real
// output, whole and in order, and the first (last) run starts (ends) the output unless a `…`
// comes before (after) it.
//
// `npm run docs:update` (scripts/docs-update.mjs) rewrites every example from a real run;
// test/docs/examples.test.ts fails, naming the file and line, when one differs. Both use this module
// with their own `main` (the built CLI, or the sources), so they cannot disagree on the rules.

import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const ELISION = '…';

/** The pages that may hold examples, relative to the repository root. */
export function docPages(root) {
  const docs = readdirSync(join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => `docs/${f}`);
  return ['README.md', ...docs];
}

/**
 * The examples of one page: `{ line, args, body, bodyStart, bodyEnd }`, where `line` is the
 * 1-based line of the `$ kplan` line, `body` the lines shown after it, and `bodyStart`/`bodyEnd`
 * their index range in `lines` (end exclusive).
 */
export function findExamples(text) {
  const lines = text.split('\n');
  const examples = [];
  let fence = null;
  for (let i = 0; i < lines.length; i++) {
    const m = /^(\s*)(`{3,}|~{3,})/.exec(lines[i]);
    if (fence === null) {
      if (m === null) continue;
      fence = { marker: m[2], open: i };
      const first = lines[i + 1];
      if (first !== undefined && first.startsWith('$ kplan ')) fence.example = first;
      continue;
    }
    if (m !== null && m[2].startsWith(fence.marker) && lines[i].trim() === m[2]) {
      if (fence.example !== undefined) {
        const bodyStart = fence.open + 2;
        examples.push({
          line: fence.open + 2,
          command: fence.example,
          args: splitArgs(fence.example.slice('$ kplan '.length)),
          body: lines.slice(bodyStart, i),
          bodyStart,
          bodyEnd: i,
        });
      }
      fence = null;
    }
  }
  return examples;
}

/** Splits a command line like a POSIX shell without expansions: quotes, no pipes or redirections. */
export function splitArgs(text) {
  const args = [];
  let cur = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "'" || c === '"') {
      const end = text.indexOf(c, i + 1);
      if (end < 0) throw new Error(`unclosed ${c} in \`${text}\``);
      cur = (cur ?? '') + text.slice(i + 1, end);
      i = end;
    } else if (c === ' ' || c === '\t') {
      if (cur !== null) args.push(cur);
      cur = null;
    } else if ('|<>;&$`\\'.includes(c)) {
      throw new Error(`\`${c}\` in \`${text}\`: an example runs one kplan command, without a shell`);
    } else {
      cur = (cur ?? '') + c;
    }
  }
  if (cur !== null) args.push(cur);
  return args;
}

/**
 * Runs kplan in-process with `main` from src/cli/main or dist/cli/main: files from the disk under
 * `root`, a fixed environment (no colour, no imported prices, no terminal), nothing written to disk.
 * Resolves to the text written to standard output and standard error, in the order written.
 */
export async function runExample(main, root, args) {
  const written = [];
  const files = new Map();
  const path = (p) => join(root, p);
  const code = await main({
    argv: args,
    env: { NO_COLOR: '1', HOME: '/nonexistent', XDG_CONFIG_HOME: '/nonexistent' },
    cwd: root,
    stdout: { write: (s) => void written.push(s), isTTY: false },
    stderr: { write: (s) => void written.push(s), isTTY: false },
    readFile: async (p) => files.get(p) ?? readFileSync(path(p)),
    readStdin: async () => {
      throw new Error('an example cannot read standard input');
    },
    writeFileAtomic: async (p, text) => void files.set(p, new TextEncoder().encode(text)),
    appendFile: async () => {},
    stat: async (p) => {
      if (files.has(p)) return { size: files.get(p).length, isFile: true, isDirectory: false };
      try {
        const s = statSync(path(p));
        return { size: s.size, isFile: s.isFile(), isDirectory: s.isDirectory() };
      } catch {
        return undefined;
      }
    },
  });
  const text = written.join('');
  return { code, lines: text.endsWith('\n') ? text.slice(0, -1).split('\n') : text.split('\n') };
}

/** The body split at `…` lines: `{ runs, openStart, openEnd }`. */
function shape(body) {
  const runs = [[]];
  for (const l of body) {
    if (l.trim() === ELISION) runs.push([]);
    else runs[runs.length - 1].push(l);
  }
  const openStart = runs[0].length === 0 && runs.length > 1;
  const openEnd = runs[runs.length - 1].length === 0 && runs.length > 1;
  return { runs: runs.filter((r) => r.length > 0), openStart, openEnd, elided: runs.length > 1 };
}

const sameRun = (actual, at, run) => run.every((l, k) => actual[at + k] === l);

/**
 * Where `body` differs from the real output `actual` (both arrays of lines), or null when it matches:
 * `{ offset, message }` with `offset` the index in `body` of the first line that does not match.
 */
export function compareExample(body, actual) {
  const { runs, openStart, openEnd, elided } = shape(body);
  if (!elided) {
    const n = Math.max(body.length, actual.length);
    for (let k = 0; k < n; k++) {
      if (body[k] !== actual[k]) {
        return {
          offset: Math.min(k, body.length),
          message: `line ${k + 1} of the output:\n  shown: ${show(body[k])}\n  real:  ${show(actual[k])}`,
        };
      }
    }
    return null;
  }
  if (runs.length === 0) return { offset: 0, message: 'an excerpt must show at least one line of the output' };
  let cursor = 0;
  let offset = openStart ? 1 : 0;
  for (let r = 0; r < runs.length; r++) {
    const run = runs[r];
    const anchoredStart = r === 0 && !openStart;
    const anchoredEnd = r === runs.length - 1 && !openEnd;
    let at = -1;
    if (anchoredStart) at = sameRun(actual, 0, run) ? 0 : -1;
    else if (anchoredEnd) at = sameRun(actual, actual.length - run.length, run) && actual.length - run.length >= cursor ? actual.length - run.length : -1;
    else for (let i = cursor; i + run.length <= actual.length && at < 0; i++) if (sameRun(actual, i, run)) at = i;
    if (at < 0) {
      // Point at the first shown line that breaks the run: where the longest matching prefix ends.
      let start = anchoredStart ? 0 : anchoredEnd ? Math.max(cursor, actual.length - run.length) : cursor;
      let k = 0;
      for (let i = start; i < actual.length && !anchoredStart && !anchoredEnd; i++) {
        let j = 0;
        while (j < run.length && actual[i + j] === run[j]) j++;
        if (j > k) [k, start] = [j, i];
      }
      while (k < run.length && actual[start + k] === run[k]) k++;
      const where = anchoredStart ? 'the start of' : anchoredEnd ? 'the end of' : 'a run in';
      return {
        offset: offset + k,
        message: `excerpt line ${k + 1} of ${run.length} (shown lines must be ${where} the real output):\n  shown: ${show(run[k])}\n  real:  ${show(actual[start + k])}`,
      };
    }
    cursor = at + run.length;
    offset += run.length + 1;
  }
  return null;
}

const show = (l) => (l === undefined ? '(none)' : JSON.stringify(l));

/** A line with its figures blanked, to find where an excerpt's line moved to after the numbers changed. */
const skeleton = (l) =>
  l
    .replace(/[-+]?[$]?\d[\d,.]*(e[-+]?\d+)?/g, '#')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * The body rewritten from the real output. A full example becomes the output; an excerpt keeps its
 * shape, each shown run found again in the new output by its first line once figures are blanked:
 * - a run that starts with a heading (a line without indentation) is a whole section: it is
 *   refreshed up to the blank line that ended it (a run holding b blank lines goes to the b+1st), so
 *   a section that gains lines shows them;
 * - any other run keeps its length, at the place whose lines look most like it;
 * - the first run stays at the start and the last at the end, unless a `…` is before or after them.
 * Throws when a run cannot be placed (the output changed shape): edit that excerpt by hand.
 */
export function updateExample(body, actual) {
  const { runs, openStart, openEnd, elided } = shape(body);
  if (!elided) return actual.slice();
  const out = openStart ? [ELISION] : [];
  let cursor = 0;
  for (let r = 0; r < runs.length; r++) {
    const run = runs[r];
    const want = run.map(skeleton);
    const score = (i) => want.reduce((s, w, k) => s + (skeleton(actual[i + k] ?? '') === w ? 1 : 0), 0);
    const heading = /^\S/.test(run[0]);
    const lastAnchored = r === runs.length - 1 && !openEnd;
    let at = -1;
    if (r === 0 && !openStart) at = 0;
    else if (lastAnchored && !heading) at = actual.length - run.length;
    else {
      let best = -1;
      for (let i = cursor; i < actual.length; i++) {
        if (skeleton(actual[i]) !== want[0]) continue;
        const s = score(i);
        if (s > best) [best, at] = [s, i];
      }
    }
    let end = at + run.length;
    if (at >= 0 && heading) {
      let blanks = run.filter((l) => l.trim() === '').length;
      for (end = at + 1; end < actual.length; end++) if (actual[end].trim() === '' && blanks-- === 0) break;
    }
    if (lastAnchored) end = actual.length;
    if (at < cursor || end > actual.length || (!heading && score(at) * 2 < run.length)) {
      throw new Error(`cannot find the excerpt starting ${show(run[0])} in the new output: edit it by hand`);
    }
    out.push(...actual.slice(at, end));
    if (r < runs.length - 1 || openEnd) out.push(ELISION);
    cursor = end;
  }
  return out;
}
