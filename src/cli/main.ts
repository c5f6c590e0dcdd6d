// The command line: commander wiring, lazy commands, and the only place that decides exit codes
// (README.md, "Exit codes"): 0 done, 1 a `check` error budget broken, 2 bad input, 3 a kplan bug.

import { Command, CommanderError, Option } from 'commander';
import type { Io } from './io.js';
import { UsageError, formatIssue } from '../errors.js';
import { KPLAN_VERSION } from '../version.js';

export interface Context {
  io: Io;
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

function addComputeOptions(cmd: Command, formats: string[]): Command {
  return cmd
    .option('--region <codes>', 'region code(s), comma-separated, or `all` (overrides the profile)')
    .option('--set <key.path=value>', 'override a profile key before validation (repeatable)', collect, [])
    .addOption(new Option('--format <format>', 'output format').choices(formats).default('table'))
    .option('--prices <file>', 'price catalogue file (default: $KPLAN_PRICES, else the built-in catalogue)')
    .option('--seed <n>', 'seed of the random stream of any simulation')
    .option('--explain', 'show the formula and inputs behind every number')
    .option('--no-color', 'no colour in the output')
    .option('--debug', 'show stack traces of internal errors');
}

/** Decides colour: --no-color and NO_COLOR win, FORCE_COLOR forces, else a TTY. */
export function colorWanted(io: Io, flag: boolean | undefined): boolean {
  if (flag === false) return false;
  const noColor = io.env.NO_COLOR;
  if (noColor !== undefined && noColor !== '') return false;
  const force = io.env.FORCE_COLOR;
  if (force !== undefined) return force !== '0' && force !== 'false';
  return io.stdout.isTTY === true;
}

type Runner = (ctx: Context, args: string[], opts: Record<string, unknown>) => Promise<number>;

/** Runs kplan with the given Io; resolves to the exit code. Never throws. */
export async function main(io: Io): Promise<number> {
  let exitCode = 0;
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
    })
    .showHelpAfterError('(run `kplan --help` for usage)');

  const lazy = (load: () => Promise<{ run: Runner }>) =>
    async function (this: Command, ...actionArgs: unknown[]) {
      const cmd = actionArgs[actionArgs.length - 1] as Command;
      const opts = cmd.opts();
      debug = debug || opts.debug === true;
      const args = cmd.args;
      const ctx: Context = { io, color: colorWanted(io, opts.color as boolean | undefined), debug };
      const mod = await load();
      exitCode = await mod.run(ctx, args, opts);
    };

  addComputeOptions(
    program
      .command('size')
      .description('size the stream, its throttle risk, Firehose cadence and cost per region')
      .argument('<profile>', 'workload profile (YAML), or - for standard input')
      .option('--simulate', 'add a seeded per-second Monte Carlo simulation of the hottest shards'),
    ['table', 'json', 'markdown'],
  ).action(lazy(() => import('./commands/size.js')));

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
    ['text', 'table', 'json', 'markdown', 'github'],
  ).action(lazy(() => import('./commands/check.js')));

  addComputeOptions(
    program
      .command('diff')
      .description('compare two profiles or two saved JSON reports')
      .argument('<base>', 'base profile or saved report')
      .argument('<head>', 'head profile or saved report'),
    ['table', 'json', 'markdown'],
  ).action(lazy(() => import('./commands/diff.js')));

  addComputeOptions(
    program
      .command('sweep')
      .description('what-if grid over one or two profile keys')
      .argument('<profile>', 'workload profile (YAML), or - for standard input')
      .option('--vary <key=from..to[:steps]>', 'an axis: linear `a..b:n`, geometric `a..b:xn`, or a list `a,b,c` (repeat for a second axis)', collect, []),
    ['table', 'json', 'markdown'],
  ).action(lazy(() => import('./commands/sweep.js')));

  const prices = program
    .command('prices')
    .description('the price catalogue: regions, prices, as-of dates, sources')
    .option('--region <codes>', 'region code(s), comma-separated')
    .addOption(new Option('--format <format>', 'output format').choices(['table', 'json', 'markdown']).default('table'))
    .option('--prices <file>', 'price catalogue file (default: $KPLAN_PRICES, else the built-in catalogue)')
    .option('--no-color', 'no colour in the output')
    .option('--debug', 'show stack traces of internal errors')
    .action(lazy(() => import('./commands/prices.js')));
  prices
    .command('import')
    .description('merge an AWS Price List offer file (JSON or CSV) into a local catalogue')
    .argument('<file>', 'AmazonKinesis, AmazonKinesisFirehose or AmazonS3 offer file')
    .option('--output <catalogue.json>', 'catalogue to write (default: $XDG_CONFIG_HOME/kplan/prices.json)')
    .option('--no-color', 'no colour in the output')
    .option('--debug', 'show stack traces of internal errors')
    .action(lazy(() => import('./commands/prices-import.js')));

  program
    .command('schema')
    .description('print the profile JSON Schema')
    .action(lazy(() => import('./commands/schema.js')));

  program
    .command('init')
    .description('write a commented starter profile')
    .argument('[file]', 'where to write it (default: standard output)')
    .option('--force', 'overwrite an existing file')
    .action(lazy(() => import('./commands/init.js')));

  try {
    await program.parseAsync(io.argv, { from: 'user' });
    return exitCode;
  } catch (err) {
    return reportError(io, err, debug);
  }
}

/** Maps an error to its exit code and message. */
export function reportError(io: Io, err: unknown, debug: boolean): number {
  if (err instanceof CommanderError) {
    // --help and --version end through here with exit code 0.
    if (err.exitCode === 0 || err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return 0;
    return 2;
  }
  if (err instanceof UsageError) {
    io.stderr.write(err.issues.map(formatIssue).join('\n') + '\n');
    return 2;
  }
  const e = err instanceof Error ? err : new Error(String(err));
  io.stderr.write(
    `kplan: internal error: ${e.message}\n` +
      `This is a kplan bug (kplan ${KPLAN_VERSION}, Node.js ${process.version}, ${process.platform}-${process.arch}). ` +
      `Please report it as an issue in the kplan repository, with the profile and the command line that caused it` +
      (debug ? ' and the stack below.\n' : ', and the output of the same command with --debug.\n'),
  );
  if (debug && e.stack) io.stderr.write(e.stack + '\n');
  return 3;
}
