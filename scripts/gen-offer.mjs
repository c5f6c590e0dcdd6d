#!/usr/bin/env node
// Writes a large synthetic AWS Price List offer file (AmazonKinesis or AmazonKinesisFirehose, JSON
// or CSV) in the layout of the real ones, to benchmark `kplan prices import`:
//
//   node scripts/gen-offer.mjs --format json --size-mb 50 --offer AmazonKinesis > /tmp/offer.json
//   /usr/bin/time -v node bin/kplan.js prices import /tmp/offer.json --output /tmp/cat.json
//
// Most SKUs are products kplan ignores (as in the real AmazonKinesis offer, which also holds
// non-stream SKUs); a few per region are the prices kplan imports. Deterministic for a given size.

import { writeSync } from 'node:fs';

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => (a.startsWith('--') ? [...acc, [a.slice(2), all[i + 1]]] : acc), []));
const format = args.format ?? 'json';
const offer = args.offer ?? 'AmazonKinesis';
const targetBytes = Number(args['size-mb'] ?? 50) * 1024 * 1024;
if (!['json', 'csv'].includes(format) || !['AmazonKinesis', 'AmazonKinesisFirehose'].includes(offer) || !(targetBytes > 0)) {
  process.stderr.write('usage: gen-offer.mjs [--format json|csv] [--offer AmazonKinesis|AmazonKinesisFirehose] [--size-mb 50]\n');
  process.exit(2);
}

const REGIONS = [
  ['us-east-1', 'US East (N. Virginia)', 'USE1'],
  ['us-east-2', 'US East (Ohio)', 'USE2'],
  ['us-west-1', 'US West (N. California)', 'USW1'],
  ['us-west-2', 'US West (Oregon)', 'USW2'],
  ['ca-central-1', 'Canada (Central)', 'CAN1'],
  ['eu-west-1', 'EU (Ireland)', 'EU'],
  ['eu-west-2', 'EU (London)', 'EUW2'],
  ['eu-central-1', 'EU (Frankfurt)', 'EUC1'],
  ['ap-northeast-1', 'Asia Pacific (Tokyo)', 'APN1'],
  ['ap-south-1', 'Asia Pacific (Mumbai)', 'APS3'],
  ['sa-east-1', 'South America (São Paulo)', 'SAE1'],
  ['us-gov-west-1', 'AWS GovCloud (US-West)', 'UGW1'],
];
const USED = {
  AmazonKinesis: [
    ['Storage-ShardHour', 'shardHourStorage', 'ShardHour', [[0, 'Inf', '0.015']]],
    ['PutRequestPayloadUnits', 'PutRequest', 'PutRequest', [[0, 'Inf', '0.000000014']]],
    ['OnDemand-StreamHour', 'OnDemandStreamHr', 'StreamHr', [[0, 'Inf', '0.04']]],
    ['OnDemand-BilledIncomingBytes', 'OnDemandDataIngested', 'GB', [[0, 'Inf', '0.08']]],
  ],
  AmazonKinesisFirehose: [
    [
      'BilledBytes',
      'PutRecordBatch',
      'GB',
      [
        [0, 512000, '0.029'],
        [512000, 2048000, '0.025'],
        [2048000, 'Inf', '0.02'],
      ],
    ],
    ['DFCBilledBytes', 'DataFormatConversion', 'GB', [[0, 'Inf', '0.018']]],
  ],
}[offer];

let seed = 42;
const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const skuOf = (n) => 'S' + n.toString(36).toUpperCase().padStart(15, '0');

/** The n-th SKU: [sku, region, usagetype, operation, unit, ranges]. */
function skuAt(n) {
  const [code, name, prefix] = REGIONS[n % REGIONS.length];
  const i = Math.floor(n / REGIONS.length);
  if (i < USED.length) {
    const [suffix, op, unit, ranges] = USED[i];
    const usagetype = code === 'us-east-1' && offer === 'AmazonKinesis' ? suffix : `${prefix}-${suffix}`;
    return [skuOf(n), code, name, usagetype, op, unit, ranges];
  }
  const usagetype = `${prefix}-On-demand-Advantage-Channel-ProcessedBytes-Destination${i}`;
  return [skuOf(n), code, name, usagetype, `ChannelProcessing${i % 7}`, 'GB', [[0, 'Inf', (rand() * 0.1).toFixed(10)]]];
}

let written = 0;
const out = (s) => {
  written += Buffer.byteLength(s);
  writeSync(1, s);
};
const publication = '2026-10-01T12:00:00Z';

if (format === 'csv') {
  out(
    `"FormatVersion","v1.0"\n"Disclaimer","This pricing list is for informational purposes only. All prices are subject to the additional terms included in the pricing pages on http://aws.amazon.com."\n"Publication Date","${publication}"\n"Version","20261001120000"\n"OfferCode","${offer}"\n`,
  );
  out(
    '"SKU","OfferTermCode","RateCode","TermType","PriceDescription","EffectiveDate","StartingRange","EndingRange","Unit","PricePerUnit","Currency","Product Family","serviceCode","Location","Location Type","Group","Group Description","usageType","operation","Region Code","serviceName"\n',
  );
  for (let n = 0; written < targetBytes; n++) {
    const [sku, code, name, usagetype, op, unit, ranges] = skuAt(n);
    for (const [k, [b, e, usd]] of ranges.entries()) {
      out(
        `"${sku}","JRTCKXETXF","${sku}.JRTCKXETXF.RATE${k}","OnDemand","$${usd} per ${unit}, synthetic","2026-09-01","${b}","${e}","${unit}","${usd}","USD","Kinesis Streams","${offer}","${name}","AWS Region","Synthetic group","Synthetic group, for benchmarks","${usagetype}","${op}","${code}","Amazon Kinesis"\n`,
      );
    }
  }
} else {
  // Products first, then terms, as in real files: the SKU count comes from the size of a sample.
  const count = Math.max(1, Math.floor(targetBytes / bytesPerSku()));
  out(
    `{\n  "formatVersion" : "v1.0",\n  "disclaimer" : "This pricing list is for informational purposes only.",\n  "offerCode" : "${offer}",\n  "version" : "20261001120000",\n  "publicationDate" : "${publication}",\n  "products" : {\n`,
  );
  for (let n = 0; n < count; n++) out(product(n, n < count - 1));
  out('  },\n  "terms" : {\n    "OnDemand" : {\n');
  for (let n = 0; n < count; n++) out(term(n, n < count - 1));
  out('    }\n  }\n}\n');
}

function product(n, comma) {
  const [sku, code, name, usagetype, op] = skuAt(n);
  return `    "${sku}" : {\n      "sku" : "${sku}",\n      "productFamily" : "Kinesis Streams",\n      "attributes" : {\n        "servicecode" : "${offer}",\n        "location" : "${name}",\n        "locationType" : "AWS Region",\n        "group" : "Synthetic group",\n        "groupDescription" : "Synthetic group, for benchmarks",\n        "usagetype" : "${usagetype}",\n        "operation" : "${op}",\n        "regionCode" : "${code}",\n        "servicename" : "Amazon Kinesis"\n      }\n    }${comma ? ',' : ''}\n`;
}

function term(n, comma) {
  const [sku, , , , , unit, ranges] = skuAt(n);
  const dims = ranges
    .map(
      ([b, e, usd], k) =>
        `          "${sku}.JRTCKXETXF.RATE${k}" : {\n            "rateCode" : "${sku}.JRTCKXETXF.RATE${k}",\n            "description" : "$${usd} per ${unit}, synthetic",\n            "beginRange" : "${b}",\n            "endRange" : "${e}",\n            "unit" : "${unit}",\n            "pricePerUnit" : {\n              "USD" : "${usd}"\n            },\n            "appliesTo" : [ ]\n          }`,
    )
    .join(',\n');
  return `      "${sku}" : {\n        "${sku}.JRTCKXETXF" : {\n          "offerTermCode" : "JRTCKXETXF",\n          "sku" : "${sku}",\n          "effectiveDate" : "2026-09-01T00:00:00Z",\n          "priceDimensions" : {\n${dims}\n          },\n          "termAttributes" : { }\n        }\n      }${comma ? ',' : ''}\n`;
}

/** Average bytes of one product and its term, from a sample of 1,000 SKUs. */
function bytesPerSku() {
  const saved = seed;
  let bytes = 0;
  for (let n = 0; n < 1000; n++) bytes += Buffer.byteLength(product(n, true)) + Buffer.byteLength(term(n, true));
  seed = saved;
  return bytes / 1000;
}
process.stderr.write(`wrote ${(written / 1048576).toFixed(1)} MB (${format}, ${offer})\n`);
