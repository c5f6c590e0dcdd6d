// kplan init [file]: a commented starter profile.

import type { Context } from '../main.js';
import { usageError } from '../../errors.js';

export const STARTER_PROFILE = `# kplan workload profile: producers → Kinesis Data Streams → consumers / Firehose.
# Sizes take B, KiB, MiB, GiB (binary, as AWS bills); durations take ms, s, m, h, d.
version: 1
name: my-stream
region: us-east-1              # or regions: [us-east-1, eu-west-1], or all

traffic:
  records_per_second: 1000     # average user records per second, whole stream
  peak_records_per_second: 3000  # busiest minute (CloudWatch IncomingRecords Sum ÷ 60)
  peak_window: 60s
  record_size:                 # a size, {average, p99}, or a histogram [{size, share}]
    average: 1 KiB
    p99: 6 KiB
  partition_key_size: 36 B
  partition_keys: random       # random, a number of distinct keys, or a list of keys
  key_skew: 0                  # Zipf exponent of key popularity (0 = all keys equally busy)
  burstiness: medium           # none, poisson, low, medium, high, or {dispersion: k}

producer:
  aggregation: none            # kpl packs small records into ~50 KiB Kinesis records

stream:
  mode: provisioned            # provisioned, on-demand, on-demand-advantage, none
  shards: auto                 # or the shard count of an existing stream, to check it
  retention: 24h
  target_utilization: 0.8
  max_throttle_rate: 1e-4
  # advantage_other_traffic: {in: 0 MiB, out: 0 MiB}  # on-demand-advantage: the account's other Advantage traffic/s (the 25 MiB/s minimum is per account and Region)

consumers:
  - name: my-app
    type: lambda               # lambda, kcl, custom
    efo: false

firehose:
  - name: to-s3
    source: stream
    destination: s3
    buffer_size: 64 MiB
    buffer_interval: 300s
    compression: gzip
    # kpl_billing: user-records  # with aggregation: kpl, which records ingestion bills at 5 KB each: user-records (conservative) or aggregated-records
    # transform:                 # data transformation with a Lambda function (billed by Lambda)
    #   memory: 128 MiB          # 128 MiB–10 GiB
    #   duration: 200ms          # run time per invocation, or {per_mib: 50ms}
    #   timeout: 60s             # the function's timeout (Firehose waits at most 5 minutes)
    #   buffer_size: 1 MiB       # transform hints: 0.2–3 MiB and 0–900 s, whichever comes first
    #   buffer_interval: 60s
    #   architecture: x86        # x86 or arm
    #   output_ratio: 1          # output bytes ÷ input bytes: what the S3 buffer then holds
    # s3:                        # what the bucket keeps: adds storage and GET request lines
    #   retention: 90d           # or forever
    #   transitions: [{after: 30d, class: standard-ia}]  # standard-ia, one-zone-ia, glacier-ir, glacier-flexible, glacier-deep-archive
    #   get_requests_per_object: 2  # reads per object, e.g. by Athena

budgets:
  monthly_usd: { warn: 500, error: 1000 }
  throttle_rate: { error: 0.001 }
`;

export async function run(ctx: Context, args: string[], opts: Record<string, unknown>): Promise<number> {
  const file = args[0];
  if (file === undefined || file === '-') {
    ctx.io.stdout.write(STARTER_PROFILE);
    return 0;
  }
  if ((await ctx.io.stat(file)) !== undefined && opts.force !== true) {
    throw usageError('bad-flag', `${file} exists; kplan init does not overwrite it`, { file, hint: 'use --force to overwrite' });
  }
  await ctx.io.writeFileAtomic(file, STARTER_PROFILE);
  ctx.io.stderr.write(`wrote ${file}\n`);
  return 0;
}
