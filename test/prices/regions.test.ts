import { describe, expect, it } from 'vitest';
import { checkRegion, REGION_CODES, REGIONS, regionByBillingPrefix, regionByName, regionInfo } from '../../src/prices/regions.js';

describe('regions registry', () => {
  it('has unique codes and billing prefixes', () => {
    expect(new Set(REGION_CODES).size).toBe(REGIONS.length);
    const prefixes = REGIONS.map((r) => r.billingPrefix).filter((p) => p !== null);
    expect(new Set(prefixes).size).toBe(prefixes.length);
  });

  it('maps the billing codes AWS documents', () => {
    expect(regionByBillingPrefix('EU')?.code).toBe('eu-west-1');
    expect(regionByBillingPrefix('APS3')?.code).toBe('ap-south-1');
    expect(regionByBillingPrefix('APS1')?.code).toBe('ap-southeast-1');
    expect(regionInfo('us-east-2')?.billingPrefix).toBe('USE2');
  });

  it('finds a region by its Price List location, old and new spelling', () => {
    expect(regionByName('EU (Ireland)')?.code).toBe('eu-west-1');
    expect(regionByName('Europe (Ireland)')?.code).toBe('eu-west-1');
  });

  it('reports an unknown region with a suggestion', () => {
    expect(checkRegion('us-east-1')).toBeUndefined();
    const issue = checkRegion('us-est-1');
    expect(issue).toMatchObject({ code: 'bad-region', severity: 'error' });
    expect(issue!.hint).toContain('`us-east-1`');
  });
});
