// Plain SVG charts, drawn by our own code: four chart shapes do not justify a charting library
// (its script would add to a page that must stay under 1 MB and run offline, and the usual ones
// draw only in the browser, so the CLI could not draw the first view); our markup escapes every
// label and takes its colours from the page's CSS, so the charts follow the light or dark setting
// and print. See docs/html.md.
// Pure: numbers in, markup out. Every label goes through esc().

import { esc } from './escape.js';

const W = 640;

export interface Bar {
  label: string;
  value: number;
  /** Text at the end of the bar. */
  text: string;
  /** CSS class of the bar (`binding`, `ok`, `watch`, `hot`, `over`). */
  cls?: string;
}

function fmtNum(n: number): string {
  return Number(n.toFixed(1)).toString();
}

function svgOpen(height: number, title: string): string {
  return `<svg class="chart" viewBox="0 0 ${W} ${fmtNum(height)}" role="img" aria-label="${esc(title)}" xmlns="http://www.w3.org/2000/svg"><title>${esc(title)}</title>`;
}

/**
 * Horizontal bars from zero. `bands` shades the share bands (utilisation: 70% and 90% of the limit)
 * and `limit` draws the line that must not be crossed; `max` fixes the scale's end.
 */
export function barChart(title: string, bars: readonly Bar[], opts: { max?: number; bands?: readonly number[]; limit?: number } = {}): string {
  const rowH = 26;
  const left = 150;
  const right = 130;
  const top = 8;
  const height = top + bars.length * rowH + 22;
  const max = Math.max(opts.max ?? 0, ...bars.map((b) => b.value), opts.limit ?? 0, 1e-12);
  const plotW = W - left - right;
  const x = (v: number) => left + (Math.max(0, v) / max) * plotW;
  const parts = [svgOpen(height, title)];
  const bottom = top + bars.length * rowH;
  if (opts.bands) {
    const edges = [0, ...opts.bands, max];
    edges.slice(0, -1).forEach((from, i) => {
      const to = Math.min(edges[i + 1] as number, max);
      if (to > from) parts.push(`<rect class="band band${i}" x="${fmtNum(x(from))}" y="${top}" width="${fmtNum(x(to) - x(from))}" height="${bars.length * rowH}"/>`);
    });
    for (const b of opts.bands) {
      if (b <= max) parts.push(`<text class="tick" x="${fmtNum(x(b))}" y="${bottom + 14}" text-anchor="middle">${esc(`${Math.round(b * 100)}%`)}</text>`);
    }
  }
  if (opts.limit !== undefined) {
    parts.push(`<line class="limit" x1="${fmtNum(x(opts.limit))}" x2="${fmtNum(x(opts.limit))}" y1="${top - 4}" y2="${bottom + 4}"/>`);
    parts.push(`<text class="tick" x="${fmtNum(x(opts.limit))}" y="${bottom + 14}" text-anchor="middle">limit</text>`);
  }
  bars.forEach((b, i) => {
    const y = top + i * rowH;
    parts.push(`<text class="label" x="${left - 8}" y="${y + 17}" text-anchor="end">${esc(b.label)}</text>`);
    parts.push(`<rect class="bar ${esc(b.cls ?? '')}" x="${left}" y="${y + 5}" width="${fmtNum(Math.max(1, x(b.value) - left))}" height="${rowH - 10}"/>`);
    parts.push(`<text class="value" x="${fmtNum(x(b.value) + 6)}" y="${y + 17}">${esc(b.text)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('');
}

export interface StackRow {
  label: string;
  /** Priced parts, in order. */
  parts: { key: string; value: number }[];
  /** Items with no price: drawn as a hatched block marked "unknown". */
  unknown: number;
  total: string;
}

/** One stacked bar per row (cost per Region); `keys` fixes the colour of each part across rows. */
export function stackedBars(title: string, rows: readonly StackRow[], keys: readonly string[]): string {
  const rowH = 34;
  const left = 120;
  const right = 230;
  const top = 8;
  const legendRows = Math.ceil((keys.length + 1) / 2);
  const height = top + rows.length * rowH + 10 + legendRows * 18;
  const max = Math.max(1e-12, ...rows.map((r) => r.parts.reduce((s, p) => s + p.value, 0)));
  const plotW = W - left - right;
  const out = [svgOpen(height, title)];
  rows.forEach((r, i) => {
    const y = top + i * rowH;
    out.push(`<text class="label" x="${left - 8}" y="${y + 20}" text-anchor="end">${esc(r.label)}</text>`);
    let at = left;
    for (const p of r.parts) {
      const w = (p.value / max) * plotW;
      if (w <= 0) continue;
      out.push(`<rect class="s${keys.indexOf(p.key) % 8}" x="${fmtNum(at)}" y="${y + 6}" width="${fmtNum(w)}" height="${rowH - 12}"><title>${esc(p.key)}</title></rect>`);
      at += w;
    }
    if (r.unknown > 0) {
      out.push(`<rect class="unknown" x="${fmtNum(at + 2)}" y="${y + 6}" width="46" height="${rowH - 12}"/>`);
      out.push(`<text class="value" x="${fmtNum(at + 25)}" y="${y + 21}" text-anchor="middle">unknown</text>`);
      at += 50;
    }
    out.push(`<text class="value" x="${fmtNum(at + 6)}" y="${y + 21}">${esc(r.total)}</text>`);
  });
  const ly = top + rows.length * rowH + 8;
  [...keys, 'unknown price'].forEach((k, i) => {
    const lx = 10 + (i % 2) * 315;
    const yy = ly + Math.floor(i / 2) * 18;
    const cls = i < keys.length ? `s${i % 8}` : 'unknown';
    out.push(`<rect class="${cls}" x="${lx}" y="${yy}" width="12" height="12"/><text class="tick" x="${lx + 16}" y="${yy + 10}">${esc(k)}</text>`);
  });
  out.push('</svg>');
  return out.join('');
}

export interface Series {
  name: string;
  points: { x: number; y: number }[];
  /** Draw as steps (a value holds until the next x). */
  step?: boolean;
}

export interface Marker {
  x: number;
  label: string;
}

function niceLogTicks(lo: number, hi: number): number[] {
  const out: number[] = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
    const v = Math.pow(10, e);
    if (v >= lo * 0.999 && v <= hi * 1.001) out.push(v);
  }
  return out;
}

function niceLinTicks(lo: number, hi: number, count = 5): number[] {
  const span = hi - lo || 1;
  const raw = span / count;
  const mag = Math.pow(10, Math.floor(Math.log10(raw)));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}

export interface LineChartOptions {
  logX?: boolean;
  logY?: boolean;
  xLabel: string;
  yLabel: string;
  tickX?: (v: number) => string;
  tickY?: (v: number) => string;
  markers?: readonly Marker[];
  /** A point to ring (the profile as given). */
  here?: { x: number; label: string };
  /** y axis from zero (linear scales). */
  zeroY?: boolean;
}

/** Lines (or steps) on linear or log axes, with vertical markers and a legend. */
export function lineChart(title: string, series: readonly Series[], o: LineChartOptions): string {
  const left = 70;
  const right = 36;
  const top = 10;
  const plotH = 220;
  const legendRows = Math.ceil(series.length / 2);
  const height = top + plotH + 40 + legendRows * 18;
  const pts = series.flatMap((s) => s.points).filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y) && (!o.logX || p.x > 0) && (!o.logY || p.y > 0));
  const out = [svgOpen(height, title)];
  if (pts.length === 0) {
    out.push(`<text class="label" x="${W / 2}" y="${top + plotH / 2}" text-anchor="middle">no data to draw</text></svg>`);
    return out.join('');
  }
  let x0 = Math.min(...pts.map((p) => p.x));
  let x1 = Math.max(...pts.map((p) => p.x));
  let y0 = o.zeroY && !o.logY ? 0 : Math.min(...pts.map((p) => p.y));
  let y1 = Math.max(...pts.map((p) => p.y));
  if (x1 === x0) x1 = o.logX ? x0 * 10 : x0 + 1;
  if (y1 === y0) {
    y1 = o.logY ? y0 * 10 : y0 + 1;
    if (!o.logY && y0 !== 0) y0 = Math.min(0, y0);
  }
  if (o.logY) {
    y0 = Math.pow(10, Math.floor(Math.log10(y0)));
    y1 = Math.pow(10, Math.ceil(Math.log10(y1)));
  }
  if (o.logX) {
    x0 = Math.min(x0, Math.pow(10, Math.floor(Math.log10(x0))));
  }
  const plotW = W - left - right;
  const fx = (v: number) => (o.logX ? (Math.log10(v) - Math.log10(x0)) / (Math.log10(x1) - Math.log10(x0)) : (v - x0) / (x1 - x0));
  const fy = (v: number) => (o.logY ? (Math.log10(v) - Math.log10(y0)) / (Math.log10(y1) - Math.log10(y0)) : (v - y0) / (y1 - y0));
  const X = (v: number) => left + fx(v) * plotW;
  const Y = (v: number) => top + plotH - fy(v) * plotH;
  const tickX = o.tickX ?? ((v: number) => String(v));
  const tickY = o.tickY ?? ((v: number) => String(v));
  const xt = o.logX ? niceLogTicks(x0, x1) : niceLinTicks(x0, x1);
  const yt = o.logY ? niceLogTicks(y0, y1) : niceLinTicks(y0, y1);
  for (const v of yt) {
    out.push(`<line class="grid" x1="${left}" x2="${W - right}" y1="${fmtNum(Y(v))}" y2="${fmtNum(Y(v))}"/>`);
    out.push(`<text class="tick" x="${left - 6}" y="${fmtNum(Y(v) + 4)}" text-anchor="end">${esc(tickY(v))}</text>`);
  }
  for (const v of xt) {
    out.push(`<line class="grid" x1="${fmtNum(X(v))}" x2="${fmtNum(X(v))}" y1="${top}" y2="${top + plotH}"/>`);
    out.push(`<text class="tick" x="${fmtNum(X(v))}" y="${top + plotH + 14}" text-anchor="middle">${esc(tickX(v))}</text>`);
  }
  out.push(`<rect class="frame" x="${left}" y="${top}" width="${plotW}" height="${plotH}"/>`);
  out.push(`<text class="tick" x="${left + plotW / 2}" y="${top + plotH + 30}" text-anchor="middle">${esc(o.xLabel)}</text>`);
  out.push(`<text class="tick" x="12" y="${top + plotH / 2}" text-anchor="middle" transform="rotate(-90 12 ${top + plotH / 2})">${esc(o.yLabel)}</text>`);
  for (const m of o.markers ?? []) {
    if (m.x < x0 || m.x > x1) continue;
    out.push(`<line class="marker" x1="${fmtNum(X(m.x))}" x2="${fmtNum(X(m.x))}" y1="${top}" y2="${top + plotH}"><title>${esc(m.label)}</title></line>`);
  }
  if (o.here && o.here.x >= x0 && o.here.x <= x1) {
    out.push(`<line class="here" x1="${fmtNum(X(o.here.x))}" x2="${fmtNum(X(o.here.x))}" y1="${top}" y2="${top + plotH}"/>`);
    out.push(`<text class="tick" x="${fmtNum(X(o.here.x) + 4)}" y="${top + 12}">${esc(o.here.label)}</text>`);
  }
  series.forEach((s, i) => {
    const ok = s.points.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y) && (!o.logX || p.x > 0) && (!o.logY || p.y > 0));
    if (ok.length === 0) return;
    const coords: string[] = [];
    ok.forEach((p, j) => {
      if (s.step && j > 0) coords.push(`${fmtNum(X(p.x))},${fmtNum(Y((ok[j - 1] as { y: number }).y))}`);
      coords.push(`${fmtNum(X(p.x))},${fmtNum(Y(p.y))}`);
    });
    out.push(`<polyline class="line s${i % 8}" points="${coords.join(' ')}"><title>${esc(s.name)}</title></polyline>`);
    if (ok.length === 1) out.push(`<circle class="dot s${i % 8}" cx="${fmtNum(X(ok[0]!.x))}" cy="${fmtNum(Y(ok[0]!.y))}" r="3"/>`);
  });
  const ly = top + plotH + 40;
  series.forEach((s, i) => {
    const lx = 10 + (i % 2) * 315;
    const yy = ly + Math.floor(i / 2) * 18;
    out.push(`<rect class="s${i % 8}" x="${lx}" y="${yy}" width="12" height="12"/><text class="tick" x="${lx + 16}" y="${yy + 10}">${esc(s.name)}</text>`);
  });
  out.push('</svg>');
  return out.join('');
}

/** An HTML table from header cells and rows of already-escaped cell markup. */
export function table(head: readonly string[], rows: readonly (readonly string[])[], numeric: readonly number[] = []): string {
  const th = head.map((h, i) => `<th scope="col"${numeric.includes(i) ? ' class="num"' : ''}>${h}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((c, i) => `<td${numeric.includes(i) ? ' class="num"' : ''}>${c}</td>`).join('')}</tr>`).join('');
  return `<table><thead><tr>${th}</tr></thead><tbody>${body}</tbody></table>`;
}

/** A chart with its numbers folded in a <details> table beside it. */
export function figure(caption: string, chart: string, numbers: string): string {
  return `<figure>${chart}<figcaption>${esc(caption)}</figcaption><details><summary>Numbers behind “${esc(caption)}”</summary>${numbers}</details></figure>`;
}
