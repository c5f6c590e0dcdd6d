// The `--explain` view: each region's formulas grouped by topic prefix (`shards.write-bytes` → `shards`).
// No chalk here, so markdown can use it without loading a terminal library.

import type { Explanation } from '../report/types.js';
import { formatNumber, mdCell as cell, mdCode as code, plainStyle, type Style } from './format.js';

export interface ExplainGroup {
  prefix: string;
  entries: Explanation[];
}

/** Groups explanations by the topic text before the first dot, in order of first appearance. */
export function groupExplanations(entries: readonly Explanation[]): ExplainGroup[] {
  const groups = new Map<string, Explanation[]>();
  for (const e of entries) {
    const dot = e.topic.indexOf('.');
    const prefix = dot === -1 ? e.topic : e.topic.slice(0, dot);
    const list = groups.get(prefix);
    if (list) list.push(e);
    else groups.set(prefix, [e]);
  }
  return [...groups].map(([prefix, list]) => ({ prefix, entries: list }));
}

/** An input or result value: numbers keep their precision (the point is to check the arithmetic). */
export function explainValue(value: number | string): string {
  return typeof value === 'number' ? formatNumber(value) : value;
}

/** Each input as "name = value", in the model's order. */
export function explainInputs(inputs: Record<string, number | string>): string[] {
  return Object.entries(inputs).map(([name, value]) => `${name} = ${explainValue(value)}`);
}

/** Renders the explain block for terminals; empty when the region has no entries. */
export function renderExplainText(entries: readonly Explanation[] | undefined, style: Style = plainStyle): string {
  if (entries === undefined || entries.length === 0) return '';
  const lines: string[] = [style.bold('Explain')];
  for (const group of groupExplanations(entries)) {
    lines.push(`  ${style.cyan(group.prefix)}`);
    for (const e of group.entries) {
      lines.push(`    ${style.bold(e.topic)}`);
      lines.push(`      formula  ${e.formula}`);
      const inputs = explainInputs(e.inputs);
      if (inputs.length === 0) lines.push('      inputs   —');
      inputs.forEach((text, i) => lines.push(`      ${i === 0 ? 'inputs ' : '       '}  ${text}`));
      lines.push(`      result   ${explainValue(e.result)}`);
      if (e.note !== undefined && e.note !== '') lines.push(`      note     ${style.dim(e.note)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Renders the explain block as markdown, one table per topic prefix; empty when there are no entries. */
export function renderExplainMarkdown(entries: readonly Explanation[] | undefined): string {
  if (entries === undefined || entries.length === 0) return '';
  const out: string[] = ['<details><summary>Explain</summary>', ''];
  for (const group of groupExplanations(entries)) {
    out.push(`**${cell(group.prefix)}**`, '');
    out.push('| topic | formula | inputs | result | note |', '|---|---|---|---|---|');
    for (const e of group.entries) {
      const inputs = explainInputs(e.inputs);
      out.push(
        `| ${code(e.topic)} | ${code(e.formula)} | ${inputs.length === 0 ? '—' : inputs.map(code).join('<br>')} | ${cell(explainValue(e.result))} | ${cell(e.note ?? '')} |`,
      );
    }
    out.push('');
  }
  out.push('</details>', '');
  return out.join('\n');
}
