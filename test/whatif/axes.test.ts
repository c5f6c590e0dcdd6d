// `--vary` axes: linear, geometric and list values, units, and the errors that name the flag.

import { describe, expect, it } from 'vitest';
import type { Issue } from '../../src/errors.js';
import { MAX_POINTS, checkAxes, parseVary, type VaryAxis } from '../../src/model/whatif/sweep.js';

function axis(raw: string): VaryAxis {
  const a = parseVary(raw);
  if ('code' in a) throw new Error(`unexpected issue: ${a.message}`);
  return a;
}

function issue(raw: string): Issue {
  const a = parseVary(raw);
  if (!('code' in a)) throw new Error(`expected an issue for ${raw}`);
  return a;
}

const texts = (a: VaryAxis) => a.values.map((v) => v.text);
const numbers = (a: VaryAxis) => a.values.map((v) => v.number);

describe('parseVary', () => {
  it('linear: n points, ends included', () => {
    const a = axis('traffic.records_per_second=1000..10000:10');
    expect(a.kind).toBe('linear');
    expect(a.key).toBe('traffic.records_per_second');
    expect(a.path).toEqual(['traffic', 'records_per_second']);
    expect(numbers(a)).toEqual([1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000, 10000]);
  });

  it('linear without steps gives 10 points; decimals stay decimals', () => {
    expect(axis('stream.target_utilization=0.5..0.95').values).toHaveLength(10);
    expect(numbers(axis('stream.target_utilization=0.5..1:6'))).toEqual([0.5, 0.6, 0.7, 0.8, 0.9, 1]);
  });

  it('integer ends give integer points, duplicates dropped', () => {
    expect(numbers(axis('stream.shards=1..10:4'))).toEqual([1, 4, 7, 10]);
    expect(numbers(axis('producer.producers=1..3:5'))).toEqual([1, 2, 3]);
  });

  it('a descending range keeps its order', () => {
    expect(numbers(axis('traffic.records_per_second=300..100:3'))).toEqual([300, 200, 100]);
  });

  it('geometric: constant ratio', () => {
    const a = axis('traffic.records_per_second=100..100000:x7');
    expect(a.kind).toBe('geometric');
    const v = numbers(a) as number[];
    expect(v).toHaveLength(7);
    expect(v[0]).toBe(100);
    expect(v[6]).toBe(100000);
    for (let i = 1; i < v.length; i++) expect((v[i] as number) / (v[i - 1] as number)).toBeCloseTo(Math.pow(1000, 1 / 6), 1);
  });

  it('sizes keep units: values in bytes, applied as whole bytes', () => {
    const a = axis('traffic.record_size=1KiB..64KiB:x7');
    expect(a.unit).toBe('bytes');
    expect(numbers(a)).toEqual([1024, 2048, 4096, 8192, 16384, 32768, 65536]);
    expect(texts(a)[0]).toBe('1024B');
    expect(numbers(axis('traffic.record_size=1KiB..2KiB:3'))).toEqual([1024, 1536, 2048]);
  });

  it('durations keep units: values in seconds', () => {
    const a = axis('firehose.0.buffer_interval=60s..15m:4');
    expect(a.unit).toBe('seconds');
    expect(numbers(a)).toEqual([60, 340, 620, 900]);
    expect(texts(a)).toEqual(['60s', '340s', '620s', '900s']);
    expect(numbers(axis('producer.buffer_time=100ms..1s:x2'))).toEqual([0.1, 1]);
  });

  it('lists: YAML values as given; numbers where every item is one', () => {
    const modes = axis('stream.mode=provisioned,on-demand,on-demand-advantage');
    expect(modes.kind).toBe('list');
    expect(texts(modes)).toEqual(['provisioned', 'on-demand', 'on-demand-advantage']);
    expect(numbers(modes)).toEqual([null, null, null]);
    const sizes = axis('traffic.record_size=1KiB,4KiB');
    expect(texts(sizes)).toEqual(['1KiB', '4KiB']);
    expect(numbers(sizes)).toEqual([1024, 4096]);
    expect(texts(axis('consumers.0.efo=true,false'))).toEqual(['true', 'false']);
    // Commas inside a flow collection do not split the list.
    expect(texts(axis('traffic.record_size={average: 1KiB, p99: 8KiB},2KiB'))).toEqual(['{average: 1KiB, p99: 8KiB}', '2KiB']);
  });

  it('list indexes in the key, as --set reads them', () => {
    expect(axis('consumers.0.efo=true,false').path).toEqual(['consumers', 0, 'efo']);
    expect(axis('consumers[1].polls_per_second=1,2').path).toEqual(['consumers', 1, 'polls_per_second']);
  });

  it.each([
    ['no equals sign', 'traffic.records_per_second', /no `=`/],
    ['no key', '=1..2', /names no key/],
    ['no values', 'traffic.records_per_second=', /gives no values/],
    ['bad range end', 'traffic.records_per_second=a..b', /needs a number/],
    ['unknown unit', 'traffic.record_size=1parsec..2parsec', /needs a number/],
    ['mixed units', 'traffic.record_size=1KiB..10s', /mixes a size and a duration/],
    ['one step', 'traffic.records_per_second=1..10:1', /at least 2 points/],
    ['geometric through zero', 'traffic.records_per_second=0..100:x5', /above 0/],
    ['too many steps', 'traffic.records_per_second=1..2:20000', /at most 10,000/],
    ['empty list item', 'stream.mode=provisioned,,on-demand', /empty item/],
    ['prototype key', '__proto__.x=1,2', /never a profile key/],
    ['constructor key', 'traffic.constructor=1..2', /never a profile key/],
  ])('error: %s', (_what, raw, message) => {
    const i = issue(raw);
    expect(i.code).toBe('bad-vary');
    expect(i.file).toBe('--vary');
    expect(i.found).toBe(raw);
    expect(i.message).toMatch(message);
    expect(i.message).not.toMatch(/--set/);
  });
});

describe('checkAxes', () => {
  const a = axis('traffic.records_per_second=1..100:100');
  const b = axis('traffic.record_size=1KiB..64KiB:100');
  const c = axis('stream.mode=provisioned,on-demand');

  it('takes one or two axes', () => {
    expect(checkAxes([a])).toBeUndefined();
    expect(checkAxes([a, b])).toBeUndefined();
  });

  it('no axis, three axes, the same key twice, and too many points are bad-vary', () => {
    expect(checkAxes([])?.code).toBe('bad-vary');
    expect(checkAxes([a, b, c])?.message).toMatch(/one or two --vary axes; 3 were given/);
    expect(checkAxes([a, a])?.message).toMatch(/both --vary flags name/);
    const big = axis('traffic.record_size=1KiB..64KiB:101');
    expect(checkAxes([a, big])?.message).toMatch(/10,100 points; at most 10,000/);
    expect(MAX_POINTS).toBe(10_000);
  });
});
