#!/usr/bin/env node
// Writes a large `aws cloudwatch get-metric-data` output (the JSON the AWS CLI prints, 4-space
// indent, newest first) to benchmark `kplan observe`:
//
//   node scripts/gen-metrics.mjs --size-mb 50 > /tmp/metrics.json
//   node bin/kplan.js observe /tmp/metrics.json --output /tmp/observed.yaml
//
// 15 days of 1-minute sums (CloudWatch's 1-minute retention) of the stream-level metrics, then
// shard-level IncomingRecords series until the size is reached. Deterministic for a given size.

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []));
const targetBytes = Number(args['size-mb'] ?? 50) * 1024 * 1024;
const days = Number(args.days ?? 15);
if (!(targetBytes > 0) || !(days > 0)) {
  process.stderr.write('usage: gen-metrics.mjs [--size-mb 50] [--days 15]\n');
  process.exit(2);
}

let state = 12345;
const rand = () => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 4294967296;
const START = Date.UTC(2026, 10, 16);
const N = days * 1440;
const times = Array.from({ length: N }, (_, i) => new Date(START + (N - 1 - i) * 60_000).toISOString().replace(/\.000Z$/, '+00:00'));
const curve = (i) => 1 + 0.5 * Math.sin((((((START / 60_000 + (N - 1 - i)) / 60) % 24) - 8) / 24) * 2 * Math.PI);
const base = Array.from({ length: N }, (_, i) => Math.round(60 * 2000 * curve(i) * (0.9 + 0.2 * rand())));

function entry(id, label, values) {
  return `        {\n            "Id": "${id}",\n            "Label": "${label}",\n            "Timestamps": [\n${times.map((t) => `                "${t}"`).join(',\n')}\n            ],\n            "Values": [\n${values.map((v) => `                ${v}`).join(',\n')}\n            ],\n            "StatusCode": "Complete"\n        }`;
}

const entries = [
  entry('records', 'AWS/Kinesis IncomingRecords Sum', base),
  entry(
    'bytes',
    'AWS/Kinesis IncomingBytes Sum',
    base.map((r) => r * 1024),
  ),
  entry(
    'wpte',
    'AWS/Kinesis WriteProvisionedThroughputExceeded Sum',
    base.map(() => (rand() < 0.01 ? Math.round(rand() * 100) : 0)),
  ),
  entry(
    'rpte',
    'AWS/Kinesis ReadProvisionedThroughputExceeded Sum',
    base.map(() => 0),
  ),
  entry(
    'getrecords',
    'AWS/Kinesis GetRecords.Records Sum',
    base.map((r) => r * 2),
  ),
];
let size = entries.reduce((s, e) => s + e.length, 0);
const shardEntries = [];
for (let j = 0; size < targetBytes - 200; j++) {
  const e = entry(
    `shard${j}`,
    `AWS/Kinesis IncomingRecords shardId-${String(j).padStart(12, '0')} Sum`,
    base.map((r) => Math.round((r / 40) * (0.8 + 0.4 * rand()))),
  );
  shardEntries.push(e);
  size += e.length + 2;
}
process.stdout.write(`{\n    "MetricDataResults": [\n${[...entries, ...shardEntries].join(',\n')}\n    ],\n    "Messages": []\n}\n`);
