// The live what-if: one input per profile key the page lets a reader change. A changed input
// becomes a `--set key=value` flag, so the page recomputes through exactly the path `kplan size
// --set …` takes (src/profile/set.ts, validation, src/model/plan.ts). Pure: shared by the CLI,
// which draws the form, and the in-page app, which reads it.

import type { Profile } from '../../profile/types.js';
import { formatBytes } from '../format.js';
import { esc } from './escape.js';

export interface WhatIfField {
  id: string;
  label: string;
  /** The profile key a change sets. */
  key: string;
  kind: 'text' | 'select' | 'textarea';
  /** The profile's own value as `--set` text; '' when it has no one-line form (then empty = unchanged). */
  initial: string;
  placeholder: string;
  options?: readonly string[];
  help: string;
}

/** A consumer list as YAML flow text; names are quoted as JSON strings, which YAML reads as-is. */
function consumersText(profile: Profile): string {
  const items = profile.consumers.map((c) => {
    const parts = [`name: ${JSON.stringify(c.name)}`, `type: ${c.type}`];
    if (c.efo) parts.push('efo: true');
    else if (c.type === 'custom') parts.push(`polls_per_second: ${c.pollsPerSecond}`);
    if (c.catchUpSeconds !== null) parts.push(`catch_up: ${c.catchUpSeconds}`);
    return `{${parts.join(', ')}}`;
  });
  return `[${items.join(', ')}]`;
}

/** A size as exact `--set` text: whole MiB or KiB when it is one, else bytes. */
function exactSize(bytes: number): string {
  if (bytes > 0 && bytes % 1_048_576 === 0) return `${bytes / 1_048_576} MiB`;
  if (bytes > 0 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} B`;
}

/**
 * Inputs for the keys that apply to this profile only: the account's other Advantage traffic when
 * there is a stream (it prices on-demand-advantage and its alternative), and each stream-fed
 * delivery stream's KPL billing basis when the producer aggregates (docs/cost.md, billing bases).
 */
function whereTheyApply(profile: Profile): WhatIfField[] {
  const out: WhatIfField[] = [];
  if (profile.stream.mode !== 'none') {
    const o = profile.stream.advantageOtherTraffic;
    out.push({
      id: 'advantage',
      label: 'Other Advantage traffic',
      key: 'stream.advantage_other_traffic',
      kind: 'text',
      initial: `{in: ${exactSize(o.inBytesPerSecond)}, out: ${exactSize(o.outBytesPerSecond)}}`,
      placeholder: '',
      help: "the account's other on-demand Advantage traffic per second: the 25 MiB/s minimum is per account and Region",
    });
  }
  if (profile.producer.aggregation === 'kpl') {
    profile.firehose.forEach((fh, i) => {
      if (fh.source !== 'stream') return;
      out.push({
        id: `kplbilling-${i}`,
        label: `${fh.name}: ingestion billed per`,
        key: `firehose.${i}.kpl_billing`,
        kind: 'select',
        initial: fh.kplBilling,
        placeholder: '',
        options: ['user-records', 'aggregated-records'],
        help: 'which records Firehose rounds up to 5 KB: AWS does not say',
      });
    });
  }
  return out;
}

/** The inputs, with the profile's values (after the command line's own `--set` flags). */
export function whatIfFields(profile: Profile): WhatIfField[] {
  const t = profile.traffic;
  const size = t.recordSize;
  const keys = t.partitionKeys;
  return [
    { id: 'rps', label: 'Records/s (average)', key: 'traffic.records_per_second', kind: 'text', initial: String(t.recordsPerSecond), placeholder: '', help: 'whole stream' },
    {
      id: 'peak',
      label: 'Peak records/s',
      key: 'traffic.peak_records_per_second',
      kind: 'text',
      initial: String(t.peakRecordsPerSecond),
      placeholder: '',
      help: 'over the peak window',
    },
    {
      id: 'size',
      label: 'Record size',
      key: 'traffic.record_size',
      kind: 'text',
      initial: size.kind === 'fixed' ? String(size.averageBytes) : '',
      placeholder: `${size.kind}, average ${formatBytes(size.averageBytes)}`,
      help: 'bytes, `1 KiB`, or `{average: 1KiB, p99: 8KiB}`',
    },
    {
      id: 'keys',
      label: 'Partition keys',
      key: 'traffic.partition_keys',
      kind: 'text',
      initial: keys.kind === 'random' ? 'random' : keys.kind === 'count' ? String(keys.count) : '',
      placeholder: keys.kind === 'list' ? `a list of ${keys.keys.length} keys` : '',
      help: '`random` or a number of distinct keys',
    },
    { id: 'skew', label: 'Key skew (Zipf exponent)', key: 'traffic.key_skew', kind: 'text', initial: String(t.keySkew), placeholder: '', help: '0 = equally busy' },
    { id: 'retention', label: 'Retention', key: 'stream.retention', kind: 'text', initial: `${profile.stream.retentionHours}h`, placeholder: '', help: '24h … 365d' },
    {
      id: 'consumers',
      label: 'Consumers',
      key: 'consumers',
      kind: 'textarea',
      initial: consumersText(profile),
      placeholder: '[]',
      help: 'YAML list: `{name: x, type: lambda|kcl|custom, efo: true}`',
    },
    {
      id: 'mode',
      label: 'Capacity mode',
      key: 'stream.mode',
      kind: 'select',
      initial: profile.stream.mode,
      placeholder: '',
      options: ['provisioned', 'on-demand', 'on-demand-advantage', 'none'],
      help: '',
    },
    ...whereTheyApply(profile),
  ];
}

/** `--set` flags for the inputs that differ from their initial value, in the fields' order. */
export function whatIfOverrides(fields: readonly Pick<WhatIfField, 'id' | 'key' | 'initial'>[], values: Readonly<Record<string, string>>): string[] {
  const out: string[] = [];
  for (const f of fields) {
    const v = (values[f.id] ?? '').trim();
    if (v === '' || v === f.initial.trim()) continue;
    // A newline in a flow list is fine in YAML but not in one shell word: fold it.
    out.push(`${f.key}=${v.replace(/\s*\n\s*/g, ' ')}`);
  }
  return out;
}

/** A flag as one POSIX shell word. */
export function shellWord(text: string): string {
  return /^[A-Za-z0-9_./:=,@+-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/** The form: labelled inputs, keyboard-usable, with a reset button. */
export function renderControls(fields: readonly WhatIfField[]): string {
  const rows = fields.map((f) => {
    const id = `wi-${f.id}`;
    const help = f.help ? `<small id="${id}-help">${esc(f.help)}</small>` : '';
    const described = f.help ? ` aria-describedby="${id}-help"` : '';
    let input: string;
    if (f.kind === 'select') {
      input = `<select id="${id}" name="${esc(f.id)}"${described}>${(f.options ?? []).map((o) => `<option${o === f.initial ? ' selected' : ''}>${esc(o)}</option>`).join('')}</select>`;
    } else if (f.kind === 'textarea') {
      input = `<textarea id="${id}" name="${esc(f.id)}" rows="3" spellcheck="false" placeholder="${esc(f.placeholder)}"${described}>${esc(f.initial)}</textarea>`;
    } else {
      input = `<input id="${id}" name="${esc(f.id)}" type="text" inputmode="${f.id === 'size' || f.id === 'keys' || f.id === 'retention' || f.id === 'advantage' ? 'text' : 'decimal'}" spellcheck="false" value="${esc(f.initial)}" placeholder="${esc(f.placeholder)}"${described}>`;
    }
    return `<div class="field${f.kind === 'textarea' ? ' wide' : ''}"><label for="${id}">${esc(f.label)}</label>${input}${help}</div>`;
  });
  return (
    `<form id="whatif" class="whatif" aria-labelledby="h-whatif" autocomplete="off"><h2 id="h-whatif">What if…</h2>` +
    `<p class="note" id="whatif-state">Change a value: the page recomputes here, with the same model as <code>kplan size --set</code>.</p>` +
    `<div class="fields">${rows.join('')}</div>` +
    `<div class="actions"><button type="submit">Recompute</button> <button type="reset" id="wi-reset">Back to the profile</button></div>` +
    `<p>Same as: <code id="whatif-command"></code></p><div id="whatif-issues" role="alert"></div></form>`
  );
}
