// The page's live what-if. Bundled into dist/browser.js and inlined by `--format html`; it reads the
// data the command embedded, turns changed inputs into `--set` flags and recomputes through the same
// code as `kplan size --set …`: parseProfile (set.ts, validation), plan(), the same renderer.

import { formatIssue, type Issue } from '../errors.js';
import { parseProfile, prepareProfile, isPrepared } from '../profile/parse.js';
import { REGION_CODES } from '../prices/regions.js';
import { plan, resolveRegions } from '../model/plan.js';
import { parseVary, runSweep, type VaryAxis } from '../model/whatif/sweep.js';
import { modeCurves } from '../render/html/curves.js';
import { whatIfOverrides } from '../render/html/controls.js';
import { esc } from '../render/html/escape.js';
import { commandText, type PageData } from '../render/html/page.js';
import { renderPlanView, type PlanView } from '../render/html/sections.js';

/** The plan view for the command line's flags plus the page's; issues when the profile does not validate. */
export function compute(data: PageData, extra: readonly string[]): { view: PlanView } | { issues: Issue[] } {
  const overrides = [...data.overrides, ...extra];
  const parsed = parseProfile(data.source, { file: data.file, overrides, regionCodes: REGION_CODES });
  const errors = parsed.issues.filter((i) => i.severity === 'error');
  if (errors.length > 0 || parsed.profile === undefined) return { issues: errors };
  const profile = parsed.profile;
  if (data.regions !== undefined) profile.regions = data.regions;
  let sweep: PlanView['sweep'];
  if (data.command === 'sweep') {
    const prepared = prepareProfile(data.source, { file: data.file, regionCodes: REGION_CODES });
    if (!isPrepared(prepared)) return { issues: prepared.issues };
    const axes = (data.vary ?? []).map(parseVary).filter((a): a is VaryAxis => !('code' in a));
    const region = data.regions?.[0];
    const outcome = runSweep({ prepared, set: overrides, axes, catalogue: data.catalogue, ...(region !== undefined ? { region } : {}), risk: data.risk });
    if (!outcome.ok) return { issues: outcome.issues };
    sweep = outcome.result;
    profile.regions = [outcome.result.region];
  }
  const report = plan(profile, data.catalogue, { explain: false, risk: data.risk });
  const curves = modeCurves(profile, data.catalogue, resolveRegions(profile, data.catalogue), data.risk);
  return { view: { report, curves, ...(sweep !== undefined ? { sweep } : {}) } };
}

// The few DOM features used, typed here so the project's TypeScript stays free of the DOM library.
interface PageElement {
  textContent: string | null;
  innerHTML: string;
  value: string;
  dataset: Record<string, string | undefined>;
  addEventListener(type: string, listener: (event: { preventDefault(): void }) => void): void;
}
interface PageDocument {
  getElementById(id: string): PageElement | null;
  body: PageElement;
}

function start(document: PageDocument): void {
  const dataEl = document.getElementById('kplan-data');
  const form = document.getElementById('whatif');
  const main = document.getElementById('plan');
  if (dataEl === null || form === null || main === null) return;
  const data = JSON.parse(dataEl.textContent ?? '{}') as PageData;
  const commandEl = document.getElementById('whatif-command');
  const issuesEl = document.getElementById('whatif-issues');
  const stateEl = document.getElementById('whatif-state');
  let revision = 0;
  let lastKey = JSON.stringify([]);

  const values = (): Record<string, string> => {
    const out: Record<string, string> = {};
    for (const f of data.fields) {
      const el = document.getElementById(`wi-${f.id}`);
      if (el !== null) out[f.id] = el.value;
    }
    return out;
  };

  const recompute = (force: boolean): void => {
    const extra = whatIfOverrides(data.fields, values());
    const key = JSON.stringify(extra);
    if (commandEl !== null) commandEl.textContent = commandText(data, extra);
    if (!force && key === lastKey) return;
    lastKey = key;
    const started = performance.now();
    const outcome = compute(data, extra);
    if ('issues' in outcome) {
      if (issuesEl !== null) issuesEl.innerHTML = `<ul>${outcome.issues.map((i) => `<li>${esc(formatIssue(i))}</li>`).join('')}</ul>`;
      document.body.dataset.state = 'invalid';
      if (stateEl !== null) stateEl.textContent = 'These values are not a valid profile; the figures below are the last valid ones.';
    } else {
      if (issuesEl !== null) issuesEl.innerHTML = '';
      main.innerHTML = renderPlanView(outcome.view);
      document.body.dataset.state = extra.length > 0 ? 'what-if' : 'profile';
      if (stateEl !== null) {
        stateEl.textContent = extra.length > 0 ? `Recomputed in ${Math.round(performance.now() - started)} ms with ${extra.length} change(s).` : 'The profile as given.';
      }
    }
    revision += 1;
    document.body.dataset.revision = String(revision);
  };

  let timer: ReturnType<typeof setTimeout> | undefined;
  const soon = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => recompute(false), 300);
  };
  form.addEventListener('input', soon);
  form.addEventListener('change', () => {
    if (timer !== undefined) clearTimeout(timer);
    recompute(false);
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (timer !== undefined) clearTimeout(timer);
    recompute(true);
  });
  form.addEventListener('reset', () => setTimeout(() => recompute(false), 0));
  if (commandEl !== null) commandEl.textContent = commandText(data, []);
  document.body.dataset.state = 'profile';
  document.body.dataset.ready = 'true';
}

const pageDocument = (globalThis as { document?: PageDocument }).document;
if (pageDocument !== undefined) start(pageDocument);
