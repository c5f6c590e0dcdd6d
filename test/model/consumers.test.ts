// Per-consumer read figures with hand-worked numbers (docs/model.md, "Consumers").

import { describe, expect, it } from 'vitest';
import { consumerReads } from '../../src/model/stream/consumers.js';
import { fixedSize, makeProfile } from '../helpers/profile.js';

// 1,024 records/s × 1 KiB = 1 MiB/s average; on 2 shards each shard takes 0.5 MiB/s.
const traffic = { recordsPerSecond: 1024, peakRecordsPerSecond: 1024, recordSize: fixedSize(1024) };

describe('catch-up after an outage', () => {
  it('shared: 1 h × 0.5 MiB/s ÷ (2 − 2 × 0.5) MiB/s = 1,800 s; EFO: ÷ (2 − 0.5) = 1,200 s', () => {
    const p = makeProfile({ traffic, consumers: [{ name: 'a' }, { name: 'b' }, { name: 'fan', efo: true }] });
    const r = consumerReads(p, 2, 1);
    expect(r.consumers.map((c) => c.catch_up_seconds)).toEqual([1800, 1800, 1200]);
    expect(r.consumers[0]!.read_bytes_per_second).toBe(512 * 1024);
    expect(r.consumers[2]!.polls_per_second).toBe(0);
    expect(r.warnings).toEqual([]);
  });
  it('a hot shard reads more: H = 1.5 → 0.75 MiB/s, 1 h ÷ (2 − 1.5) × 0.75 = 5,400 s', () => {
    const p = makeProfile({ traffic, consumers: [{ name: 'a' }, { name: 'b' }] });
    expect(consumerReads(p, 2, 1.5).consumers[0]!.catch_up_seconds).toBeCloseTo(5400, 9);
  });
  it('uses the consumer’s SLA as the outage and counts a Firehose reader as shared', () => {
    const p = makeProfile({ traffic, consumers: [{ name: 'a', catchUpSeconds: 600 }] });
    p.firehose = [{ name: 'fh', source: 'stream' } as (typeof p.firehose)[number]];
    const r = consumerReads(p, 2, 1);
    expect(r.consumers.map((c) => c.name)).toEqual(['a', 'fh']);
    expect(r.consumers[0]!.outage_seconds).toBe(600);
    expect(r.consumers[0]!.catch_up_seconds).toBe(300); // 600 × 0.5 ÷ (2 − 1)
    expect(r.consumers[1]!.kind).toBe('firehose');
  });
  it('never catches up when the shared readers use every byte of the shard', () => {
    const p = makeProfile({ traffic, consumers: [{}, {}, {}, {}] });
    const r = consumerReads(p, 2, 1);
    expect(r.consumers[0]!.catch_up_seconds).toBeNull();
    expect(r.warnings.map((w) => w.code)).toContain('cannot-catch-up');
  });
  it('warns when an SLA outage passes half the retention', () => {
    const p = makeProfile({ traffic, consumers: [{ name: 'slow', catchUpSeconds: 13 * 3600 }] });
    expect(consumerReads(p, 2, 1).warnings.map((w) => w.code)).toEqual(['iterator-age-retention']);
    const longer = makeProfile({ traffic, consumers: [{ name: 'slow', catchUpSeconds: 13 * 3600 }], stream: { retentionHours: 48 } });
    expect(consumerReads(longer, 2, 1).warnings).toEqual([]);
  });
});
