// The command line: commander wiring, lazy commands, and the only place that decides exit codes
// (README.md, "Exit codes"): 0 done, 1 a `check` error budget broken, 2 bad input, 3 a kplan bug.

import { Command, CommanderError, Option } from 'commander';
import type { Io } from './io.js';
import { guardIo } from './output.js';
import { progress, type Progress } from './terminal.js';
import { NotRegularFile } from './io.js';
import { WriteFailure } from './write-error.js';
import { UsageError, formatIssue } from '../errors.js';
import { KPLAN_VERSION } from '../version.js';
import { formatLocaleNumber } from '../units.js';

export interface Context {
  /** stdout and stderr pass the output guard (src/text/sanitize.ts). */
  io: Io;
  /** The annotation writer's own channel: workflow commands, written to stdout past the guard (main sets it). */
  annotate?: (text: string) => void;
  /** Progress on standard error when it is a terminal (src/cli/terminal.ts); main sets it. */
  progress?: (label: string) => Progress;
  /** Colour on stdout (decided from the terminal, NO_COLOR, FORCE_COLOR, --no-color). */
  color: boolean;
  debug: boolean;
}

/** Options every computing command shares. */
export interface ComputeOptions {
  region?: string;
  set: string[];
  format: string;
  prices?: string;
  seed?: string;
  explain?: boolean;
  simulate?: boolean;
  color?: boolean;
  debug?: boolean;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** A repeated `--region` adds to the list (`--region a --region b` = `--region a,b`). */
function mergeRegions(value: string, previous: string | undefined): string {
  return previous === undefined ? value : `${previous},${value}`;
}

interface ComputeFlags {
  formats: string[];
  defaultFormat?: string;
  /** `--seed` only where something is random (`size --simulate`). */
  seed?: boolean;
  /** `--explain` only where the output shows the explanations. */
  explain?: boolean;
  regionHelp?: string;
}

function addComputeOptions(cmd: Command, flags: ComputeFlags): Command {
  cmd
    .option('--region <codes>', flags.regionHelp ?? 'region code(s), comma-separated, or `all` (overrides the profile; repeated flags add up)', mergeRegions)
    .option('--set <key.path=value>', 'override a profile key before validation (repeatable)', collect, [])
    .addOption(new Option('--format <format>', 'output format').choices(flags.formats).default(flags.defaultFormat ?? 'table'))
    .option('--prices <file>', 'price catalogue file (default: $KPLAN_PRICES, else the built-in catalogue)');
  if (flags.seed) cmd.option('--seed <n>', 'seed of the --simulate random stream (default 1): the same input and seed give the same output');
  if (flags.explain) cmd.option('--explain', 'show the formula and inputs behind every number');
  return addCommonOptions(cmd);
}

/** Colour and debugging, on every command. */
function addCommonOptions(cmd: Command): Command {
  return cmd
    .option('--color', 'colour even when the output is not a terminal')
    .option('--no-color', 'no colour in the output')
    .option('--debug', 'show stack traces of internal errors');
}

/** `Examples:` at the end of a command's --help: commands that run as written in a checkout. */
function examples(cmd: Command, lines: string[]): Command {
  return cmd.addHelpText('after', `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`);
}

/** Decides colour: --no-color and --color win, then NO_COLOR, then FORCE_COLOR, else a TTY. */
export function colorWanted(io: Io, flag: boolean | undefined): boolean {
  if (flag === false) return false;
  if (flag === true) return true;
  const noColor = io.env.NO_COLOR;
  if (noColor !== undefined && noColor !== '') return false;
  const force = io.env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  return io.stdout.isTTY === true;
}

type Runner = (ctx: Context, args: string[], opts: Record<string, unknown>) => Promise<number>;

/**
 * Runs kplan with the given Io; resolves to the exit code. Never throws. Longer than 80 lines because
 * it is the command table: one declarative commander chain per command, sharing `program`, `lazy` and
 * the exit code, read top to bottom like `kplan --help`.
 */
export async function main(rawIo: Io): Promise<number> {
  let exitCode = 0;
  // Commander echoes arguments in its messages: those go through the guard as well.
  const io = guardIo(rawIo, { color: false });
  let debug = io.argv.includes('--debug');
  const program = new Command();
  program
    .name('kplan')
    .description('Capacity planner and cost calculator for Kinesis Data Streams and Amazon Data Firehose')
    .version(KPLAN_VERSION, '-V, --version')
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      // One prefix style for every message: `<where>: error: …`, here `kplan: error: …`.
      outputError: (s, write) => write(s.replace(/^error: /, 'kplan: error: ')),
    })
    .showHelpAfterError('(run `kplan --help` for usage)');

  const lazy = (load: () => Promise<{ run: Runner }>) =>
    async function (this: Command, ...actionArgs: unknown[]) {
      const cmd = actionArgs[actionArgs.length - 1] as Command;
      const opts = cmd.opts();
      debug = debug || opts.debug === true;
      const args = cmd.args;
      const color = colorWanted(rawIo, opts.color as boolean | undefined);
      const ctx: Context = {
        io: guardIo(rawIo, { color }),
        annotate: (text) => rawIo.stdout.write(text),
        progress: (label) => progress(rawIo, label),
        color,
        debug,
      };
      const mod = await load();
      exitCode = await mod.run(ctx, args, opts);
    };

  examples(
    addComputeOptions(
      program
        .command('size')
        .description('size the stream, its throttle risk, Firehose cadence and cost per region')
        .argument('<profile>', 'workload profile (YAML), or - for standard input')
        .option('--simulate', 'add a seeded per-second Monte Carlo simulation of the hottest shards')
        .option('--output <file>', 'write the output to this file instead of standard output'),
      { formats: ['table', 'json', 'markdown', 'html'], seed: true, explain: true },
    ),
    [
      'kplan size profiles/fastapi-logs.yaml',
      'kplan size profiles/clickstream.yaml --region us-east-1,eu-west-1 --format markdown',
      'kplan size profiles/fastapi-logs.yaml --format html --output plan.html',
    ],
  ).action(lazy(() => import('./commands/size.js')));

  examples(
    addComputeOptions(
      program
        .command('check')
        .description('CI budget gate: evaluate the budgets; exit 1 when an error budget is broken')
        .argument('<profile>', 'workload profile (YAML), or - for standard input')
        .option('--baseline <report.json>', 'a saved JSON report to compare against (budgets on the change)')
        .option('--max-monthly-usd <usd>', 'error budget: monthly cost')
        .option('--max-daily-usd <usd>', 'error budget: daily cost')
        .option('--max-hourly-usd <usd>', 'error budget: hourly cost')
        .option('--max-shards <n>', 'error budget: shards')
        .option('--max-throttle-rate <fraction>', 'error budget: write throttled fraction at peak')
        .option('--max-utilization <fraction>', 'error budget: hottest-shard share of a limit')
        .option('--max-latency-seconds <s>', 'error budget: Firehose delivery latency')
        .option('--max-objects-per-day <n>', 'error budget: Firehose objects per day')
        .option('--max-monthly-usd-increase <usd>', 'error budget: monthly cost increase over --baseline')
        .option('--max-monthly-usd-increase-percent <pct>', 'error budget: monthly cost increase over --baseline, in %'),
      { formats: ['text', 'table', 'json', 'markdown', 'github'], defaultFormat: 'text' },
    ),
    [
      'kplan check profiles/fastapi-logs.yaml',
      'kplan check profiles/fastapi-logs.yaml --max-monthly-usd 1500 --format github',
      'kplan size profiles/fastapi-logs.yaml --format json > base.json && kplan check profiles/fastapi-logs.yaml --baseline base.json --max-monthly-usd-increase-percent 20',
    ],
  ).action(lazy(() => import('./commands/check.js')));

  examples(
    addComputeOptions(
      program
        .command('diff')
        .description('compare two profiles or two saved JSON reports')
        .argument('<base>', 'base profile or saved report')
        .argument('<head>', 'head profile or saved report'),
      { formats: ['table', 'json', 'markdown'] },
    ),
    [
      'kplan diff profiles/fastapi-logs.yaml profiles/clickstream.yaml',
      'kplan size profiles/fastapi-logs.yaml --format json > base.json && kplan diff base.json profiles/fastapi-logs.yaml --set traffic.records_per_second=3000',
    ],
  ).action(lazy(() => import('./commands/diff.js')));

  examples(
    addComputeOptions(
      program
        .command('sweep')
        .description('what-if grid over one or two profile keys')
        .argument('<profile>', 'workload profile (YAML), or - for standard input')
        .option('--vary <key=from..to[:steps]>', 'an axis: linear `a..b:n`, geometric `a..b:xn`, or a list `a,b,c` (repeat for a second axis)', collect, [])
        .option('--output <file>', 'write the output to this file instead of standard output'),
      { formats: ['table', 'json', 'markdown', 'html'], regionHelp: 'one region code (overrides the profile; a sweep plans one region)' },
    ),
    [
      'kplan sweep profiles/fastapi-logs.yaml --vary traffic.records_per_second=1000..20000:5',
      'kplan sweep profiles/fastapi-logs.yaml --vary traffic.records_per_second=1000..100000:x5 --vary traffic.key_skew=0,0.5,1',
      'kplan sweep profiles/fastapi-logs.yaml --vary firehose.0.buffer_interval=60,300,900 --format html --output sweep.html',
    ],
  ).action(lazy(() => import('./commands/sweep.js')));

  const prices = examples(
    addCommonOptions(
      program
        .command('prices')
        .description('the price catalogue: regions, prices, as-of dates, sources')
        .option('--region <codes>', 'region code(s), comma-separated, or `all` (repeated flags add up)', mergeRegions)
        .addOption(new Option('--format <format>', 'output format').choices(['table', 'json', 'markdown']).default('table'))
        .option('--prices <file>', 'price catalogue file (default: $KPLAN_PRICES, else the built-in catalogue)'),
    ),
    ['kplan prices', 'kplan prices --region eu-west-1 --format markdown', 'kplan prices --prices ~/.config/kplan/prices.json --format json'],
  ).action(lazy(() => import('./commands/prices.js')));
  examples(
    addCommonOptions(
      prices
        .command('import')
        .description('merge an AWS Price List offer file (JSON or CSV) into a local catalogue')
        .argument('<file>', 'AmazonKinesis, AmazonKinesisFirehose or AmazonS3 offer file')
        .option('--output <catalogue.json>', 'catalogue to write (default: $XDG_CONFIG_HOME/kplan/prices.json)'),
    ),
    ['kplan prices import AmazonKinesis.json', 'kplan prices import AmazonKinesisFirehose.csv --output prices.json && kplan size profiles/fastapi-logs.yaml --prices prices.json'],
  ).action(lazy(() => import('./commands/prices-import.js')));

  examples(
    program
      .command('observe')
      .description('derive a workload profile from CloudWatch metrics of a live stream, and backtest the model against them')
      .argument('<metrics...>', 'JSON printed by `aws cloudwatch get-metric-data` or `get-metric-statistics` (several files merge), or - for standard input')
      .option('--output <profile.yaml>', 'write the profile here (default: standard output, with the report as comments)')
      .option('--shards <n>', "the stream's shard count, for the backtest (default: from shard-level metrics)")
      .addOption(new Option('--format <format>', 'output format').choices(['table', 'json', 'markdown']).default('table'))
      .option('--no-color', 'no colour in the output')
      .option('--debug', 'show stack traces of internal errors'),
    ['kplan observe metrics.json --output my-stream.yaml', 'kplan observe incoming.json throttles.json --shards 4', 'kplan observe metrics.json --shards 4 --format json'],
  ).action(lazy(() => import('./commands/observe.js')));

  examples(program.command('schema').description('print the profile JSON Schema'), ['kplan schema > kplan-profile.schema.json']).action(lazy(() => import('./commands/schema.js')));

  examples(
    program
      .command('init')
      .description('write a commented starter profile')
      .argument('[file]', 'where to write it (default: standard output)')
      .option('--force', 'overwrite an existing file'),
    ['kplan init my-stream.yaml', 'kplan init > my-stream.yaml', 'kplan init my-stream.yaml --force'],
  ).action(lazy(() => import('./commands/init.js')));

  try {
    await program.parseAsync(io.argv, { from: 'user' });
    return exitCode;
  } catch (err) {
    return reportError(io, err, debug);
  }
}

/** Issues printed for one failed run. */
export const MAX_ISSUES_SHOWN = 100;

/** Maps an error to its exit code and message. */
export function reportError(io: Io, err: unknown, debug: boolean): number {
  if (err instanceof CommanderError) {
    // --help and --version end through here with exit code 0.
    if (err.exitCode === 0 || err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return 0;
    return 2;
  }
  try {
    if (err instanceof UsageError) {
      // A broken file can have thousands of problems (50,000 dangling aliases): the first ones say enough.
      const shown = err.issues.slice(0, MAX_ISSUES_SHOWN).map(formatIssue);
      const more = err.issues.length - MAX_ISSUES_SHOWN;
      if (more > 0) shown.push(`… and ${formatLocaleNumber(more)} more (the first ${MAX_ISSUES_SHOWN} are shown)`);
      io.stderr.write(shown.join('\n') + '\n');
      return 2;
    }
    if (err instanceof NotRegularFile) {
      io.stderr.write(
        formatIssue({
          code: 'not-a-file',
          severity: 'error',
          file: err.path,
          message: `${err.path} is ${err.kind}: kplan writes only regular files, and does not replace ${err.kind}`,
          hint: 'give the path of a file to create or replace',
        }) + '\n',
      );
      return 2;
    }
    if (err instanceof WriteFailure) {
      // Not a kplan bug, but the run could not finish: exit 3 with the reason.
      if (err.target !== 'standard error') io.stderr.write(`kplan: error: ${err.message}\n`);
      return 3;
    }
  } catch {
    // Standard error itself cannot be written: the exit code is all that is left.
    return err instanceof UsageError || err instanceof NotRegularFile ? 2 : 3;
  }
  const e = err instanceof Error ? err : new Error(String(err));
  try {
    io.stderr.write(
      `kplan: internal error: ${e.message}\n` +
        `This is a kplan bug (kplan ${KPLAN_VERSION}, Node.js ${process.version}, ${process.platform}-${process.arch}). ` +
        `Please report it as an issue in the kplan repository, with the profile and the command line that caused it` +
        (debug ? ' and the stack below.\n' : ', and the output of the same command with --debug.\n'),
    );
    if (debug && e.stack) io.stderr.write(e.stack + '\n');
  } catch {
    // Nothing more can be said.
  }
  return 3;
}
