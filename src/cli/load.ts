// Reading inputs for the computing commands: the profile file (or standard input), `--set`
// overrides and `--region`, turned into a validated Profile or a UsageError (exit 2).

import type { Context } from './main.js';
import type { Profile } from '../profile/types.js';
import { UsageError, didYouMean, usageError, type Issue } from '../errors.js';
import { parseProfile } from '../profile/parse.js';
import { REGION_CODES } from '../prices/regions.js';
import { readBounded } from './read.js';

/** Largest profile kplan reads: far above any real profile, small enough to refuse a mistake fast. */
export const MAX_PROFILE_BYTES = 1024 * 1024;

/** Reads a file or `-` (standard input) as bytes, bounded while reading (src/cli/read.ts). */
export async function readInput(ctx: Context, path: string, maxBytes = MAX_PROFILE_BYTES): Promise<{ bytes: Uint8Array; file: string }> {
  return readBounded(ctx, path, { maxBytes, what: maxBytes === MAX_PROFILE_BYTES ? 'profile' : 'profile or saved report' });
}

/** Parses and validates a profile with its overrides; throws UsageError on any error. */
export function profileFromBytes(bytes: Uint8Array, file: string, overrides: readonly string[], regionFlag?: string): Profile {
  const result = parseProfile(bytes, { file, overrides, regionCodes: REGION_CODES });
  const errors = result.issues.filter((i) => i.severity === 'error');
  if (errors.length > 0 || result.profile === undefined) throw new UsageError(errors.length > 0 ? errors : result.issues);
  const profile = result.profile;
  if (regionFlag !== undefined) profile.regions = parseRegionFlag(regionFlag);
  return profile;
}

/** Reads, parses and validates the profile named on the command line. */
export async function loadProfile(ctx: Context, path: string, opts: { set?: string[]; region?: string }): Promise<Profile> {
  const { bytes, file } = await readInput(ctx, path);
  return profileFromBytes(bytes, file, opts.set ?? [], opts.region);
}

/** `--region a,b` or `--region all`. */
export function parseRegionFlag(value: string): string[] {
  const codes = value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  if (codes.length === 0) throw usageError('bad-flag', '--region needs a region code, a comma-separated list, or all', { file: '--region' });
  if (codes.includes('all')) return ['all'];
  const issues: Issue[] = [];
  for (const c of codes) {
    if (!REGION_CODES.includes(c)) {
      const hint = didYouMean(c, REGION_CODES);
      issues.push({
        code: 'bad-region',
        severity: 'error',
        file: '--region',
        message: `unknown region \`${c}\``,
        expected: 'an AWS Region code such as us-east-1',
        found: c,
        ...(hint ? { hint } : {}),
      });
    }
  }
  if (issues.length > 0) throw new UsageError(issues);
  return [...new Set(codes)];
}

/** `--seed n`: a non-negative integer. */
export function parseSeed(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[0-9]{1,15}$/.test(value)) throw usageError('bad-flag', `--seed takes a whole number, found \`${value}\``, { file: '--seed' });
  return Number(value);
}
