// The pull-request view: a summary table first, the detail folded in <details>. Never any ANSI codes.

import type { CostReport, RegionResult, Report, StreamReport, Warning } from '../report/types.js';
import { renderExplainMarkdown } from './explain.js';
import { breakEvenMarkdown, scheduleMarkdown } from './schedule.js';
import type { BreakEven } from '../model/whatif/breakeven.js';
import type { ScheduleReport } from '../model/whatif/schedule.js';
import {
  BAND_LABEL,
  modeOptions,
  optionMonthly,
  type ModeOption,
  costHasUnknown,
  costItemLabel,
  firehoseCadence,
  firehoseS3Text,
  firehoseTransformText,
  formatFraction,
  formatInt,
  formatFactor,
  formatPercent,
  formatQuantity,
  formatUnitPrice,
  formatCostTotal,
  formatUsd,
  mdCell,
  mdCode,
  peakText,
  rankRegions,
  scalarExtras,
  shardCount,
  shardsText,
  THROTTLE_KNOWN_FIELDS,
  consumerRows,
  throttleFacts,
  unknownCostLines,
  utilizationBand,
  utilizationRows,
  UTILIZATION_THRESHOLDS,
} from './format.js';
import { sanitizeDeep } from '../text/sanitize.js';

/** Money for markdown: "<$0.01" written so that no renderer reads it as a tag. */
function usd(n: number): string {
  return mdCell(formatUsd(n));
}

/** A cost total: "≥ $X + unknown (items)" when a price is missing. */
function total(cost: CostReport, key: 'monthly_usd' | 'daily_usd' | 'hourly_usd' = 'monthly_usd'): string {
  return mdCell(formatCostTotal(cost, key));
}

function optionUsd(o: ModeOption): string {
  return mdCell(optionMonthly(o));
}

function row(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function warningItems(warnings: readonly Warning[], indent = ''): string[] {
  return warnings.map((w) => `${indent}- ⚠️ ${mdCode(w.code)}: ${mdCell(w.message)}`);
}

function summaryRow(region: RegionResult): string {
  const s = region.stream;
  const cheapest = modeOptions(region).find((o) => o.cheapest);
  return row([
    mdCell(region.region),
    s === null ? 'none' : s.mode,
    s === null ? '—' : shardCount(s),
    s === null ? '—' : `**${s.binding_constraint}**`,
    s === null ? '—' : s.throttle.level,
    `**${total(region.cost)}**`,
    cheapest === undefined ? '—' : `${cheapest.mode} (${cheapest.current ? 'current, ' : ''}${optionUsd(cheapest)})`,
  ]);
}

function streamSection(s: StreamReport): string[] {
  const binding = s.requirements.find((r) => r.constraint === s.binding_constraint);
  const t = s.throttle;
  const out = [
    `- **Mode:** ${s.mode} · **Shards:** ${shardsText(s)}`,
    `- **Binding constraint:** **${s.binding_constraint}**${binding ? ` — ${mdCell(binding.detail)}` : ''}`,
    `- **Peak:** ${peakText(s)}; hot-shard factor ${formatFactor(s.hot_shard_factor)}`,
    `- **Throttle:** **${t.level}** — write throttled at peak ${formatFraction(t.write_throttled_fraction_at_peak)} of shard-seconds (hottest shard); read throttled: ${t.read_throttled ? '**yes**' : 'no'}`,
  ];
  for (const [key, value] of throttleFacts(t)) out.push(`  - ${mdCell(key)}: ${mdCell(value)}`);
  for (const [key, value] of scalarExtras(t, THROTTLE_KNOWN_FIELDS)) out.push(`  - ${mdCell(key)}: ${mdCell(value)}`);
  for (const u of t.unfixable) {
    out.push(`- ⛔ **${u.kind}** (more shards will not help): ${mdCell(u.message)} **Fix:** ${mdCell(u.fix)}`);
  }
  return out;
}

function capacityDetails(s: StreamReport): string[] {
  const watch = `${UTILIZATION_THRESHOLDS.watch * 100}%`;
  const hot = `${UTILIZATION_THRESHOLDS.hot * 100}%`;
  const out = ['<details><summary>Shard requirements and utilisation</summary>', ''];
  if (s.requirements.length > 0) {
    out.push('| constraint | shards | detail |', '|---|--:|---|');
    for (const r of s.requirements) {
      const name = r.constraint === s.binding_constraint ? `**${r.constraint}** (binding)` : r.constraint;
      out.push(row([name, formatInt(r.shards), mdCell(r.detail)]));
    }
    out.push('');
  }
  out.push(`Utilisation at peak, hottest shard (ok < ${watch}, watch < ${hot}, near limit ≥ ${hot}):`, '');
  out.push('| limit | share | band |', '|---|--:|---|');
  for (const [label, share] of utilizationRows(s)) {
    out.push(row([label, formatPercent(share), BAND_LABEL[utilizationBand(share)]]));
  }
  out.push('', '</details>');
  return out;
}

function costDetails(cost: CostReport): string[] {
  const unknown = costHasUnknown(cost);
  const monthly = total(cost);
  const out = [
    `<details><summary>Cost: ${monthly}/month (${total(cost, 'hourly_usd')}/h · ${total(cost, 'daily_usd')}/day)</summary>`,
    '',
    '| service | item | quantity | unit price | monthly |',
    '|---|---|--:|--:|--:|',
  ];
  for (const line of cost.lines) {
    // Unpriced lines are listed after the priced ones, below.
    if (line.monthly_usd === null || line.unit_price_usd === null) continue;
    const tiered = line.tiers !== undefined && line.tiers.length > 1;
    out.push(
      row([
        line.service,
        mdCell(costItemLabel(line)),
        `${formatQuantity(line.quantity)} ${mdCell(line.unit)}`,
        tiered ? 'tiered' : formatUnitPrice(line.unit_price_usd),
        usd(line.monthly_usd),
      ]),
    );
    if (tiered && line.tiers) {
      line.tiers.forEach((tier, i) => {
        out.push(row(['', `↳ tier ${i + 1}`, `${formatQuantity(tier.quantity)} ${mdCell(line.unit)}`, formatUnitPrice(tier.unit_price_usd), usd(tier.monthly_usd)]));
      });
    }
  }
  const unknownRows = unknownCostLines(cost);
  for (const u of unknownRows) {
    out.push(row([u.service, mdCell(u.label), u.quantity === undefined ? '—' : mdCell(u.quantity), '**unknown**', '**unknown**']));
  }
  out.push(row(['**total**', '', '', '', `**${monthly}**`]), '');
  if (unknown) {
    out.push(
      `> **Prices unknown** for ${unknownRows.map((u) => mdCode(u.item)).join(', ')} in this region: the total is a lower bound. Import prices with \`kplan prices import\`.`,
      '',
    );
  }
  out.push('</details>');
  return out;
}

function alternativesSection(region: RegionResult): string[] {
  const options = modeOptions(region);
  if (options.length === 0) return [];
  const out = ['**Alternatives**', '', '| mode | shards | monthly | note |', '|---|--:|--:|---|'];
  for (const o of options) {
    const tags = [o.cheapest ? 'cheapest' : '', o.current ? 'current' : ''].filter((t) => t !== '');
    const mode = `${o.cheapest ? `**${o.mode}**` : o.mode}${tags.length > 0 ? ` (${tags.join(', ')})` : ''}`;
    out.push(row([mode, o.shards, optionUsd(o), mdCell(o.note)]));
  }
  return out;
}

function regionSection(region: RegionResult, explain: boolean): string {
  const blocks: string[][] = [[`#### ${mdCell(region.region)}`]];
  if (region.stream === null) blocks.push(['- **Mode:** none — Firehose Direct PUT, no Kinesis stream']);
  else blocks.push(streamSection(region.stream));
  const consumers = region.stream === null ? [] : consumerRows(region.stream);
  if (consumers.length > 0) {
    blocks.push([
      '**Consumers** (reads from the hottest shard at average traffic)',
      '',
      '| consumer | reads | GetRecords | per shard | catch-up |',
      '|---|---|---|---|---|',
      ...consumers.map((r) => `| ${r.map(mdCell).join(' | ')} |`),
    ]);
  }
  if (region.firehose.length > 0) {
    const fh = ['**Firehose**', ''];
    for (const f of region.firehose) {
      fh.push(`- ${mdCode(f.name)}: ${firehoseCadence(f)}`);
      for (const extra of [firehoseTransformText(f), firehoseS3Text(f)]) if (extra !== null) fh.push(`  - ${extra}`);
      fh.push(...warningItems(f.warnings, '  '));
    }
    blocks.push(fh);
  }
  if (region.stream !== null) blocks.push(capacityDetails(region.stream));
  blocks.push(costDetails(region.cost));
  blocks.push(alternativesSection(region));
  if (region.break_even !== undefined) blocks.push(breakEvenMarkdown(region.break_even as BreakEven));
  if (region.schedule !== undefined) blocks.push(scheduleMarkdown(region.schedule as ScheduleReport));
  if (region.stream !== null && region.stream.warnings.length > 0) {
    blocks.push(['**Warnings**', '', ...warningItems(region.stream.warnings)]);
  }
  let text = blocks
    .filter((b) => b.length > 0)
    .map((b) => b.join('\n'))
    .join('\n\n');
  text += '\n';
  if (explain) {
    const block = renderExplainMarkdown(region.explain);
    if (block !== '') text += `\n${block}`;
  }
  return text;
}

function rankingLine(report: Report): string | undefined {
  if (report.results.length < 2) return undefined;
  const items = rankRegions(report.results).map((r) => {
    const money = total(r.result.cost);
    const region = mdCell(r.result.region);
    if (r.rank === null) return `${region} (${money}, not ranked: prices unknown)`;
    const tag = r.label === 'cheapest' ? ', **cheapest**' : r.label === 'most expensive' ? ', **most expensive**' : '';
    return `${r.rank}. ${region} (${money}${tag})`;
  });
  return `**Regions by monthly cost:** ${items.join(' · ')}`;
}

/** Renders the report as a GitHub pull-request comment. */
export function renderMarkdown(report: Report, opts: { color: boolean; explain: boolean }): string {
  report = sanitizeDeep(report); // input text made safe to print (src/text/sanitize.ts)
  const parts: string[] = [
    `### kplan: ${mdCell(report.profile.name)}`,
    `${mdCode(report.profile.file)} · prices as of ${mdCell(report.prices.as_of)} (${mdCell(report.prices.source)}) · kplan ${mdCell(report.kplan_version)}`,
    ['| region | mode | shards | binding constraint | throttle | monthly | cheapest alternative |', '|---|---|--:|---|---|--:|---|', ...report.results.map(summaryRow)].join('\n'),
  ];
  const ranking = rankingLine(report);
  if (ranking !== undefined) parts.push(ranking);
  const body = `${parts.join('\n\n')}\n`;
  const regions = report.results.map((r) => regionSection(r, opts.explain));
  let text = [body, ...regions].join('\n');
  if (report.warnings !== undefined && report.warnings.length > 0) {
    text += `\n**Report warnings**\n\n${warningItems(report.warnings).join('\n')}\n`;
  }
  return text;
}
