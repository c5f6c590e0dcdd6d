// The views of a diff: terminal table, JSON and markdown.

import { describe, expect, it } from 'vitest';
import { diffReports } from '../../src/model/gate/diff.js';
import { regionRows, renderDiff, signed, signedPercent } from '../../src/render/diff.js';
import { cost, line, region, report, stream } from '../fixtures/check/reports.js';

const base = report([region('us-east-1'), region('us-east-2')]);
const head = report([
  region('us-east-1', { stream: stream({ shards: 6 }), cost: cost([line('kinesis', 'shard-hours', 65.7), line('kinesis', 'efo-data', 5)]) }),
  region('eu-west-1'),
]);
const d = diffReports(base, head);
const ANSI = /\u001b\[/;

describe('rows', () => {
  it('shows base, head, signed change and percentage; added and removed lines say so', () => {
    const rows = regionRows(d.regions[0] ?? (undefined as never));
    const byLabel = new Map(rows.map((r) => [r.label, r]));
    expect(byLabel.get('shards')).toMatchObject({ base: '4', head: '6', change: '+2', percent: '+50%' });
    expect(byLabel.get('kinesis shard-hours')).toMatchObject({ base: '$43.80', head: '$65.70', change: '+$21.90', percent: '+50%', tone: 'up' });
    expect(byLabel.get('kinesis put-payload-units')).toMatchObject({ base: '$12.20', head: '—', change: '-$12.20', percent: 'removed', tone: 'down' });
    expect(byLabel.get('kinesis efo-data')).toMatchObject({ base: '—', head: '$5.00', change: '+$5.00', percent: 'added' });
    expect(byLabel.get('binding constraint')).toMatchObject({ base: 'write-bytes', head: 'write-bytes', change: '' });
    expect(byLabel.get('monthly')).toMatchObject({ strong: true });
  });
  it('formats signs', () => {
    expect(signed('usd', 0)).toBe('$0.00');
    expect(signed('usd', -3)).toBe('-$3.00');
    expect(signed('count', 2)).toBe('+2');
    expect(signedPercent(null)).toBe('');
    expect(signedPercent(-12.345)).toBe('-12.3%');
  });
});

describe('formats', () => {
  it('table: a titled table per region and the total, coloured only when asked', () => {
    const t = renderDiff(d, 'table', { color: false });
    expect(t).toContain('kplan diff: orders (profiles/orders.yaml) → orders (profiles/orders.yaml)');
    expect(t).toContain('us-east-1: changed');
    expect(t).toContain('us-east-2: removed (only in base)');
    expect(t).toContain('eu-west-1: added (only in head)');
    expect(t).toMatch(/│ kinesis shard-hours +│ +\$43\.80 │ +\$65\.70 │ +\+\$21\.90 │ +\+50% │/);
    expect(t).toContain('monthly total, all regions: $172.00 → $156.70, -$15.30 (-8.9%)');
    expect(t).not.toMatch(ANSI);
    expect(renderDiff(d, 'table', { color: true })).toMatch(ANSI);
  });
  it('json: the diff object', () => {
    expect(JSON.parse(renderDiff(d, 'json', { color: true }))).toEqual(JSON.parse(JSON.stringify(d)));
  });
  it('markdown: the total first, then a table per region', () => {
    const md = renderDiff(d, 'markdown', { color: false });
    expect(md.split('\n')[0]).toBe('### kplan diff: orders (profiles/orders.yaml) → orders (profiles/orders.yaml)');
    expect(md).toContain('**monthly total, all regions: $172.00 → $156.70, -$15.30 (-8.9%)**');
    expect(md).toContain('#### us-east-2: removed (only in base)');
    expect(md).toContain('| kinesis shard-hours | $43.80 | $65.70 | +$21.90 | +50% |');
    expect(md).toContain('| **monthly** | **$86.00** | **$70.70** | **-$15.30** | **-17.8%** |');
    expect(md).not.toMatch(ANSI);
  });
  it('a report with itself shows only zero changes', () => {
    const md = renderDiff(diffReports(base, base), 'markdown', { color: false });
    expect(md).toContain('us-east-1: unchanged');
    expect(md).toContain('$172.00 → $172.00, $0.00 (0%)');
    expect(md).not.toMatch(/\| [+-][$\d]/);
  });
});
