// Compiled by tests/dist/types.spec.js with tsc --strict against the
// installed package: what a TypeScript user of changecost writes.
import { ChangeCost, define, load } from 'changecost';
import type { ChangeCostLoadOptions, ChangeCostResult, Scenario, ScenarioInput } from 'changecost';
import 'changecost/define';

await define();
await define('cost-calculator');
// A host that serves the files itself says where.
await define({ wasmUrl: '/static/changecost.wasm', workerUrl: new URL('/static/worker.js', location.href) });
await define('cost-calculator', { wasmUrl: '/static/changecost.wasm' });
const sheet: CSSStyleSheet = await load({ wasmUrl: '/static/changecost.wasm' });
console.log(sheet);

const calc = document.querySelector('change-cost');
if (calc) {
  const same: ChangeCost = calc;
  calc.addEventListener('changecost:change', (event) => {
    const hourly: number = event.detail.totals.hourly;
    const changes: number = event.detail.changes;
    console.log(hourly, changes, same.result?.fixed.total);
  });
  calc.addEventListener('changecost:share', (event) => {
    if (event.detail.action === 'link') event.preventDefault();
    const url: string = event.detail.url;
    console.log(url);
  });
  calc.addEventListener('changecost:error', (event) => console.warn(event.detail.message));
  calc.addEventListener('click', (event) => console.log(event.clientX));
  const scenario: Scenario | undefined = calc.scenario;
  if (scenario) {
    const next: ScenarioInput = { ...scenario, rateCents: 11000 };
    calc.scenario = next;
    const [id, title, kind, effort, phase] = scenario.changes[0] ?? [0, ''];
    console.log(id, title.length, kind, effort, phase);
  }
  calc.scenario = { v: 1, changes: [{ id: 1, t: 'logo bigger', k: 'tweak', e: 120, p: 'build' }] };
  calc.scenario = { v: 2, changes: [[1, 'logo bigger', 'tweak', [60, 120, 240], 'build']] };
  const result: ChangeCostResult | null = calc.result;
  const series: number[] = result ? result.series.map(([hourly]) => hourly) : [];
  console.log(series);
}
document.addEventListener('changecost:ready', (event) => console.log(event.detail.totals.capped));
const names: string[] = ChangeCost.observedAttributes;
console.log(names);
const created = document.createElement('change-cost');
created.setAttribute('rate', '95');
const options: ChangeCostLoadOptions = { workerUrl: '/static/worker.js' };
console.log(options);
export {};
