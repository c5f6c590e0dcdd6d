// `kplan observe`, the pure part: metrics files → series → derived figures → a profile (text and
// validated) → a backtest of the model against what the stream recorded.

import { UsageError, type Issue } from '../errors.js';
import { parseProfile } from '../profile/parse.js';
import type { Profile } from '../profile/types.js';
import { REGION_CODES } from '../prices/regions.js';
import { backtest, type Backtest } from './backtest.js';
import { derive, type Derived } from './derive.js';
import { profileYaml } from './profile-yaml.js';
import { readMetrics, type MetricsInput } from './read.js';

export interface ObserveOptions {
  shards?: number;
}

export interface ObserveResult {
  derived: Derived;
  /** The profile as written (YAML with provenance comments). */
  profileText: string;
  /** The same profile, validated. */
  profile: Profile;
  backtest: Backtest | null;
  /** Warnings (errors end the run with a UsageError). */
  warnings: Issue[];
}

/** Runs observe on the files' bytes. Throws UsageError for input that cannot be used. */
export function observe(inputs: readonly MetricsInput[], options: ObserveOptions = {}): ObserveResult {
  const read = readMetrics(inputs);
  const errors = read.issues.filter((i) => i.severity === 'error');
  if (errors.length > 0) throw new UsageError(errors);
  const derived = derive(read.series, options);
  const profileText = profileYaml(
    derived,
    inputs.map((i) => i.file),
  );
  const parsed = parseProfile(profileText, { file: '<observed profile>', regionCodes: REGION_CODES });
  if (parsed.profile === undefined) {
    // The figures are checked before they are written; a profile kplan cannot read back is a bug.
    throw new Error(`observe wrote a profile kplan cannot read: ${parsed.issues.map((i) => `${i.path ?? ''} ${i.message}`).join('; ')}`);
  }
  const shards = derived.shards?.value;
  const bt = derived.stream && shards !== undefined ? backtest(derived, parsed.profile, shards) : null;
  const warnings = [...read.issues, ...derived.issues].filter((i) => i.severity === 'warning');
  return { derived, profileText, profile: parsed.profile, backtest: bt, warnings };
}
