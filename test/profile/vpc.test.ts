// VPC delivery only to a destination that lives in a VPC: `vpc` on an S3 destination is refused at
// its line and column (it used to be accepted and priced: $27.13/month for 2 subnets).

import { describe, expect, test } from 'vitest';
import { errors, expectIssue, MINIMAL, parse } from './helpers.js';

const FH = (dest: string) => `${MINIMAL}firehose:\n  - name: f\n    destination: ${dest}\n    vpc: {subnets: 2}\n`;

describe('firehose[].vpc', () => {
  test('refused on an S3 destination, located at the key', () => {
    const i = expectIssue(parse(FH('s3')), 'inconsistent', 'firehose[0].vpc', 6, 5);
    expect(i.message).toContain('only for destinations that live in a VPC, not `s3`');
    expect(i.hint).toContain('remove `vpc`');
  });
  test('refused when the destination is the default, S3', () => {
    const r = parse(`${MINIMAL}firehose:\n  - name: f\n    vpc: {subnets: 2}\n`);
    expect(errors(r).map((e) => e.path)).toEqual(['firehose[0].vpc']);
  });
  test('accepted for OpenSearch', () => {
    const r = parse(FH('opensearch'));
    expect(errors(r)).toEqual([]);
    expect(r.profile?.firehose[0]?.vpc).toEqual({ subnets: 2 });
  });
});
