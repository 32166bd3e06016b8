// The element's public API as the npm package describes it: tools/dist.mjs
// writes custom-elements.json (Custom Elements Manifest, schema 1.0.0) from
// this; element.d.ts says the same in TypeScript. tests/dist/ checks both
// against the element itself (its observedAttributes, the parts it renders,
// the custom properties its css reads, the events in its wasm).

/** Every attribute, in the element's own order (src/core/config.rs ATTRIBUTES). */
export const attributes = [
  { name: 'lang', type: "'de' | 'en' | string", default: "the page's lang, else the browser's",
    description: '`de` or `en`, with a region if you like (`de-CH`, `en-GB`: number formats follow it).' },
  { name: 'currency', type: 'string', default: 'EUR', description: 'ISO 4217 code, for display.' },
  { name: 'rate', type: 'number', default: '95', description: 'Hourly rate, net.' },
  { name: 'hours', type: 'number', default: '120', description: "The agreed concept's likely effort, in hours." },
  { name: 'hours-low', type: 'number', default: "from hours and the preset (100 for 120)",
    description: 'Best case: 1 in 10 projects ends below it.' },
  { name: 'hours-high', type: 'number', default: 'from hours and the preset (180 for 120)',
    description: 'Worst case: 1 in 10 projects ends above it.' },
  { name: 'premium', type: 'number', default: '20', description: 'Fixed-price risk premium, % of the likely baseline.' },
  { name: 'fixed-price', type: 'number', default: 'computed', description: 'An explicit fixed price instead of the computed one.' },
  { name: 'allowance', type: 'number', default: '8', description: 'Change hours included in the fixed price.' },
  { name: 'cr-rate', type: 'number', default: '1.0', description: 'Price multiplier for change requests under fixed price.' },
  { name: 'cr-admin', type: 'number', default: '1', description: 'Effort of one formal change request, hours.' },
  { name: 'switch', type: 'number', default: '0.5', description: 'Coordination per change billed by the hour, hours.' },
  { name: 'vat', type: 'number', default: '0', description: 'VAT %, shown as a gross figure beside net; 0 is off.' },
  { name: 'cap', type: 'number', default: '15', description: 'Not-to-exceed cap above the likely baseline, %.' },
  { name: 'overhead', type: 'number', default: '10', description: 'Coordination per newly involved group, % of the remaining work.' },
  { name: 'multipliers', type: 'string', default: '1 1.5 3 5', description: 'Cost of a change by phase: concept, build, acceptance, live.' },
  { name: 'remaining', type: 'string', default: '100 60 20 0', description: 'Share of the baseline still ahead in each phase, %.' },
  { name: 'trials', type: 'number', default: '2000', description: 'Simulation size (100 to 20,000).' },
  { name: 'models', type: 'string', default: 'hourly fixed', description: 'Which contracts to show: `hourly`, `fixed`, `capped`.' },
  { name: 'lock', type: 'string', default: '', description: 'Settings the client sees but cannot edit (attribute names, and `currency`).' },
  { name: 'storage-key', type: 'string', default: "the page path and the element's position",
    description: "Where the client's state is kept (localStorage `changecost:v1:<key>`)." },
  { name: 'persist', type: "'off' | 'on' | 'ask'", default: 'on',
    description: '`off` keeps nothing in localStorage; `ask` nothing until the visitor ticks "keep my entries on this device" (unticking deletes what was kept).' },
  { name: 'theme', type: "'light' | 'dark' | 'auto'", default: 'auto', description: 'Colour scheme; `auto` follows prefers-color-scheme.' },
  { name: 'preset', type: "'cautious' | 'typical' | 'optimistic'", default: 'typical',
    description: 'A set of defaults; explicit attributes win.' },
  { name: 'contact', type: 'string', default: '', description: 'Your e-mail address, for "send to the consultant".' },
  { name: 'example', type: "'off' | string", default: "the story (MODEL.md's worked example)",
    description: 'What an empty calculator offers with "Try the example": `off`, or your own changes as `title | kind | hours | phase` separated by `;`.' },
  { name: 'endpoint', type: 'string', default: '',
    description: 'Where "send to the consultant" posts the result, with the client\'s consent: an https:// address or a path on the page\'s own site.' },
  { name: 'endpoint-format', type: "'json' | 'form'", default: 'json', description: 'How the result is posted to `endpoint`.' },
];

export const properties = [
  { name: 'scenario', type: 'Scenario | undefined',
    description: 'The whole scenario as a plain object in the saved form; setting an invalid one throws an Error naming the field and changes nothing. Available after changecost:ready.' },
  { name: 'result', type: 'ChangeCostResult | null', readonly: true,
    description: 'Per contract { total, baseline, changes, churnBp } in cents, and series: each contract\'s total after 0..n changes as [hourly, fixed, capped].' },
];

export const events = [
  { name: 'changecost:ready', type: 'CustomEvent<ChangeCostChangeDetail>',
    description: 'The widget has rendered; scenario and result work in the listener.' },
  { name: 'changecost:change', type: 'CustomEvent<ChangeCostChangeDetail>', description: 'After every accepted edit.' },
  { name: 'changecost:error', type: 'CustomEvent<ChangeCostErrorDetail>',
    description: 'Storage unavailable or full, an unreadable saved state or share link, the module failed to load, an internal error.' },
  { name: 'changecost:share', type: 'CustomEvent<ChangeCostShareDetail>',
    description: 'The client copies the link or a summary, or sends it; cancelable: preventDefault() to do your own thing.' },
];

export const cssParts = [
  ['root', 'the whole widget'],
  ['header', 'title, language switch, introduction'],
  ['notices', 'storage and saved-state notices'],
  ['summary', 'the totals in sight on a narrow screen'],
  ['settings', 'the project settings'],
  ['changes', 'the list of changes'],
  ['change', "one change's row"],
  ['results', 'totals, insight, chart, tools'],
  ['contract', "one contract's card (with data-contract)"],
  ['insight', 'the one-sentence insight'],
  ['chart', 'the chart with its legend and table'],
  ['tools', 'share, print, export, import'],
  ['receipt', 'the print receipt (shown only when printing)'],
].map(([name, description]) => ({ name, description }));

export const cssProperties = [
  ['--cc-accent', '#0b5cad (dark: #7cb4f5)', 'buttons, focus rings, the hourly line'],
  ['--cc-font', 'the system UI font', 'font family'],
  ['--cc-radius', '10px', 'corner radius'],
  ['--cc-bg', '#ffffff (dark: #16181d)', 'background'],
  ['--cc-fg', '#1b1f24 (dark: #e8eaed)', 'text colour'],
].map(([name, dflt, description]) => ({ name, default: dflt, description }));

/** The Custom Elements Manifest (https://github.com/webcomponents/custom-elements-manifest, schema 1.0.0). */
export function manifest(version) {
  const declaration = { name: 'ChangeCost', module: 'element.js' };
  return {
    schemaVersion: '1.0.0',
    readme: 'README.md',
    modules: [
      {
        kind: 'javascript-module',
        path: 'element.js',
        description: `changecost ${version}: the element class and define(), without side effects.`,
        declarations: [
          {
            kind: 'class',
            name: 'ChangeCost',
            tagName: 'change-cost',
            customElement: true,
            description: 'What will your changes cost? Hourly, fixed price and capped hourly, with the client\'s own figures.',
            superclass: { name: 'HTMLElement', package: 'global:' },
            attributes: attributes.map((a) => ({
              name: a.name, type: { text: a.type }, default: JSON.stringify(a.default), description: a.description,
            })),
            members: properties.map((p) => ({
              kind: 'field', name: p.name, type: { text: p.type }, description: p.description,
              ...(p.readonly ? { readonly: true } : {}),
            })),
            events: events.map((e) => ({ name: e.name, type: { text: e.type }, description: e.description })),
            cssParts,
            cssProperties,
          },
          {
            kind: 'function',
            name: 'define',
            description: 'Loads the module and registers the element (default name change-cost).',
            parameters: [{ name: 'name', optional: true, type: { text: 'string' } }],
            return: { type: { text: 'Promise<void>' } },
          },
          {
            kind: 'function',
            name: 'load',
            description: 'Loads the wasm and the stylesheet (once); define() calls it.',
            return: { type: { text: 'Promise<CSSStyleSheet>' } },
          },
        ],
        exports: [
          { kind: 'js', name: 'ChangeCost', declaration },
          { kind: 'js', name: 'define', declaration: { name: 'define', module: 'element.js' } },
          { kind: 'js', name: 'load', declaration: { name: 'load', module: 'element.js' } },
        ],
      },
      {
        kind: 'javascript-module',
        path: 'changecost.js',
        description: 'Registers <change-cost> on import; re-exports element.js.',
        declarations: [],
        exports: [
          { kind: 'custom-element-definition', name: 'change-cost', declaration },
          { kind: 'js', name: '*', declaration: { name: '*', module: 'element.js' } },
        ],
      },
    ],
  };
}
