// The read side per consumer (docs/model.md, "Consumers"): what each reader takes from a shard, how long it needs
// to catch up after an outage, and whether its backlog can outlive the stream's retention.
// https://docs.aws.amazon.com/streams/latest/dev/building-consumers.html

import type { Profile } from '../../profile/types.js';
import type { Explanation, Warning } from '../../report/types.js';
import { SHARD_READ_BYTES_PER_SECOND } from './traffic.js';
import { fmt } from './sizing.js';
import { formatSeconds } from '../../units.js';

/** Outage assumed for consumers without a `catch_up` SLA, to show their catch-up time. */
export const REFERENCE_OUTAGE_SECONDS = 3600;

export interface ConsumerReadReport {
  name: string;
  kind: 'lambda' | 'kcl' | 'custom' | 'firehose';
  efo: boolean;
  /** GetRecords calls per shard per second (0 for enhanced fan-out). */
  polls_per_second: number;
  /** Bytes/s it reads from the hottest shard at average traffic. */
  read_bytes_per_second: number;
  /** Outage the catch-up time is computed for: the consumer's SLA, or one hour. */
  outage_seconds: number;
  /** Time to read the backlog of that outage while keeping up with new data; null = never. */
  catch_up_seconds: number | null;
  /** The SLA (catch_up) when given. */
  catch_up_sla_seconds: number | null;
}

/**
 * Per-consumer read figures at `shards` with hot-shard factor `hot`. During catch-up a shared
 * consumer competes with the other shared readers for 2 MiB/s per shard; an EFO consumer has its own
 * 2 MiB/s: T = L·W ÷ (2 MiB/s − load), infinite when nothing is spare.
 */
export function consumerReads(profile: Profile, shards: number, hot: number, withExplain = true): { consumers: ConsumerReadReport[]; warnings: Warning[]; explain: Explanation[] } {
  const t = profile.traffic;
  const w = ((t.recordsPerSecond * (t.recordSize.averageBytes + t.partitionKeyBytes)) / shards) * hot;
  const shared = profile.consumers.filter((c) => !c.efo).length + profile.firehose.filter((f) => f.source === 'stream').length;
  const retentionSeconds = profile.stream.retentionHours * 3600;
  const consumers: ConsumerReadReport[] = [];
  const warnings: Warning[] = [];
  const explain: Explanation[] | undefined = withExplain ? [] : undefined;
  const readers = [
    ...profile.consumers.map((c) => ({ name: c.name, kind: c.type, efo: c.efo, polls: c.pollsPerSecond, sla: c.catchUpSeconds })),
    ...profile.firehose.filter((f) => f.source === 'stream').map((f) => ({ name: f.name, kind: 'firehose' as const, efo: false, polls: 1, sla: null as number | null })),
  ];
  for (const r of readers) {
    const outage = r.sla ?? REFERENCE_OUTAGE_SECONDS;
    const spare = r.efo ? SHARD_READ_BYTES_PER_SECOND - w : SHARD_READ_BYTES_PER_SECOND - shared * w;
    const catchUp = spare > 0 ? (outage * w) / spare : null;
    consumers.push({
      name: r.name,
      kind: r.kind,
      efo: r.efo,
      polls_per_second: r.efo ? 0 : r.polls,
      read_bytes_per_second: w,
      outage_seconds: outage,
      catch_up_seconds: catchUp,
      catch_up_sla_seconds: r.sla,
    });
    explain?.push({
      topic: `consumers.${r.name}.catch-up`,
      formula: r.efo ? 'T = outage × W ÷ (2 MiB/s − W)' : 'T = outage × W ÷ (2 MiB/s − shared_consumers × W)',
      inputs: { outage_seconds: outage, shard_write_bytes_per_second: w, shared_consumers: shared },
      result: catchUp ?? 'never',
    });
    if (catchUp === null) {
      warnings.push({ code: 'cannot-catch-up', message: `${r.name}: no spare read capacity per shard at average traffic: after any outage its backlog only grows` });
    }
    // The iterator age peaks at the outage's length when the consumer comes back, then falls while it
    // catches up; data is at risk once it passes half the retention
    // (https://docs.aws.amazon.com/streams/latest/dev/troubleshooting-consumers.html).
    if (r.sla !== null && outage > retentionSeconds * 0.5) {
      warnings.push({
        code: 'iterator-age-retention',
        message: `${r.name}: a ${formatSeconds(outage)} outage leaves an iterator age over half the ${fmt(profile.stream.retentionHours)} h retention: records may expire unread; raise retention`,
      });
    }
  }
  return { consumers, warnings, explain: explain ?? [] };
}
