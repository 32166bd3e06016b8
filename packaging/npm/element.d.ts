// Types for the npm package `changecost` (entry "changecost": the element
// class and define(), without side effects). Kept in step with the element
// by tests/dist/npm.spec.js: the attribute names below are the list the
// element reports as its observedAttributes.

/** A number attribute: written with a dot as decimal separator ("95.50"). */
type NumberAttribute = number | `${number}`;

/** The consultant's defaults, as attributes of `<change-cost>`; every one is optional. */
export interface ChangeCostAttributes {
  /** `de` or `en`, with a region if you like (`de-CH`, `en-GB`); default: the page's lang, else the browser's. */
  lang?: 'de' | 'en' | (string & {});
  /** ISO 4217 code, for display; default `EUR`. */
  currency?: string;
  /** Hourly rate, net; default 95. */
  rate?: NumberAttribute;
  /** The agreed concept's likely effort in hours; default 120. */
  hours?: NumberAttribute;
  /** Best case in hours (1 in 10 ends below). */
  'hours-low'?: NumberAttribute;
  /** Worst case in hours (1 in 10 ends above). */
  'hours-high'?: NumberAttribute;
  /** Fixed-price risk premium, %; default 20. */
  premium?: NumberAttribute;
  /** An explicit fixed price instead of the computed one. */
  'fixed-price'?: NumberAttribute;
  /** Change hours included in the fixed price; default 8. */
  allowance?: NumberAttribute;
  /** Price multiplier for change requests; default 1.0. */
  'cr-rate'?: NumberAttribute;
  /** Effort of one formal change request, hours; default 1. */
  'cr-admin'?: NumberAttribute;
  /** Coordination per change billed by the hour, hours; default 0.5. */
  switch?: NumberAttribute;
  /** VAT %, shown beside net; 0 (the default) is off. */
  vat?: NumberAttribute;
  /** Not-to-exceed cap above the likely baseline, %; default 15. */
  cap?: NumberAttribute;
  /** Coordination per newly involved group, % of the remaining work; default 10. */
  overhead?: NumberAttribute;
  /** Cost of a change by phase (concept build acceptance live); default `1 1.5 3 5`. */
  multipliers?: string;
  /** Share of the baseline still ahead in each phase, %; default `100 60 20 0`. */
  remaining?: string;
  /** Simulation size, 100 to 20,000; default 2000. */
  trials?: NumberAttribute;
  /** Which contracts to show: `hourly`, `fixed`, `capped`; default `hourly fixed`. */
  models?: string;
  /** Settings the client sees but cannot edit: attribute names, and `currency`. */
  lock?: string;
  /** Where the client's state is kept: localStorage `changecost:v1:<key>`. */
  'storage-key'?: string;
  /** `off` keeps nothing in localStorage; `ask` nothing until the visitor ticks "keep my entries on this device". */
  persist?: 'off' | 'on' | 'ask';
  /** `light`, `dark` or `auto` (the default: follows prefers-color-scheme). */
  theme?: 'light' | 'dark' | 'auto';
  /** A set of defaults; explicit attributes win. Default `typical`. */
  preset?: 'cautious' | 'typical' | 'optimistic';
  /** Your e-mail address, for "send to the consultant". */
  contact?: string;
  /**
   * What an empty calculator offers with "Try the example": `off`, or your own
   * changes as `title | kind | hours | phase` separated by `;`. Default: the story.
   */
  example?: 'off' | (string & {});
  /** Where "send to the consultant" posts the result, with the client's consent: an https:// address or a path on this site. */
  endpoint?: string;
  /** How the result is posted to `endpoint`: `json` (the default) or `form`. */
  'endpoint-format'?: 'json' | 'form';
}

/** Every attribute name the element reads. */
export type ChangeCostAttributeName = keyof ChangeCostAttributes;

export type ChangeKind = 'tweak' | 'rework' | 'stakeholder' | 'feature';
export type Phase = 'concept' | 'build' | 'acceptance' | 'live';
/** Effort in minutes, or [low, likely, high]. */
export type Effort = number | [low: number, likely: number, high: number];
/**
 * One change in the saved form (version 2): `[id, title, kind, effort, phase]`,
 * for a rework a sixth element: the share of the work already done, in basis
 * points, used instead of the effort. Trailing elements may be left out.
 */
export type Change =
  | [id: number, title: string, kind?: ChangeKind, effort?: Effort, phase?: Phase, doneShareBp?: number];
/** A change in version 1 of the saved form (still read). */
export interface ChangeV1 {
  id: number;
  t?: string;
  k?: ChangeKind;
  e?: Effort;
  p?: Phase;
  s?: number;
}

/**
 * The scenario in its saved form, as `element.scenario` returns it: money in
 * cents, effort in minutes, percentages and multipliers in basis points
 * (20 % = 2000, 1.5x = 15000).
 */
export interface Scenario {
  v: 2;
  currency: string;
  rateCents: number;
  vatBp: number;
  baselineMinutes: [low: number, likely: number, high: number];
  premiumBp: number;
  fixedPriceCents: number | null;
  allowanceMinutes: number;
  crRateBp: number;
  crAdminMinutes: number;
  switchMinutes: number;
  multipliersBp: [concept: number, build: number, acceptance: number, live: number];
  remainingBp: [concept: number, build: number, acceptance: number, live: number];
  overheadBp: number;
  capBp: number;
  trials: number;
  changes: Change[];
}

/** What `element.scenario = ...` accepts: missing fields take the consultant's defaults. */
export type ScenarioInput =
  | ({ v: 2 } & Partial<Omit<Scenario, 'v'>>)
  | ({ v: 1; changes?: ChangeV1[] } & Partial<Omit<Scenario, 'v' | 'changes'>>);

/** One contract's figures, in cents. */
export interface ContractResult {
  total: number;
  baseline: number;
  changes: number;
  /** The change part as a share of the baseline part, in basis points. */
  churnBp: number;
}

/** `element.result`. */
export interface ChangeCostResult {
  hourly: ContractResult;
  fixed: ContractResult;
  capped: ContractResult;
  /** Each contract's total after 0, 1, ..., n changes, as [hourly, fixed, capped]. */
  series: Array<[hourly: number, fixed: number, capped: number]>;
}

/** Totals per contract, in cents. */
export interface ChangeCostTotals {
  hourly: number;
  fixed: number;
  capped: number;
}
/** The detail of `changecost:ready` and `changecost:change`. */
export interface ChangeCostChangeDetail {
  totals: ChangeCostTotals;
  /** The number of changes. */
  changes: number;
}
/** The detail of `changecost:error`: the client's text and the technical cause. */
export interface ChangeCostErrorDetail {
  message: string;
  detail?: string;
}
/** The detail of `changecost:share` (cancelable). */
export interface ChangeCostShareDetail {
  url: string;
  action: 'link' | 'summary' | 'send';
}

/** The events `<change-cost>` dispatches: bubbling and composed, so `document` hears them too. */
export interface ChangeCostEventMap {
  'changecost:ready': CustomEvent<ChangeCostChangeDetail>;
  'changecost:change': CustomEvent<ChangeCostChangeDetail>;
  'changecost:error': CustomEvent<ChangeCostErrorDetail>;
  'changecost:share': CustomEvent<ChangeCostShareDetail>;
}

/** The `<change-cost>` element. Register it with `define()` (or import `changecost/define`). */
export declare class ChangeCost extends HTMLElement {
  /** The attribute names the calculator reads (empty until its module has loaded). */
  static readonly observedAttributes: ChangeCostAttributeName[];
  /** The whole scenario, or undefined before `changecost:ready`. */
  get scenario(): Scenario | undefined;
  /** Replaces the scenario; throws an Error naming the bad field and changes nothing. */
  set scenario(value: ScenarioInput);
  /** Totals per contract in cents, and the series; null before `changecost:ready`. */
  readonly result: ChangeCostResult | null;
  addEventListener<K extends keyof ChangeCostEventMap>(type: K,
    listener: (this: ChangeCost, event: ChangeCostEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener<K extends keyof HTMLElementEventMap>(type: K,
    listener: (this: ChangeCost, event: HTMLElementEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void;
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void;
  removeEventListener<K extends keyof ChangeCostEventMap>(type: K,
    listener: (this: ChangeCost, event: ChangeCostEventMap[K]) => unknown, options?: boolean | EventListenerOptions): void;
  removeEventListener<K extends keyof HTMLElementEventMap>(type: K,
    listener: (this: ChangeCost, event: HTMLElementEventMap[K]) => unknown, options?: boolean | EventListenerOptions): void;
  removeEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions): void;
}

/**
 * Where the calculator's files are, for a host that serves them itself
 * rather than where its bundler put them (beside the script, by default).
 * Relative addresses are resolved against the page (`document.baseURI`).
 */
export interface ChangeCostLoadOptions {
  /**
   * The package's `changecost.<hash>.wasm`, byte for byte (its SHA-384 is
   * checked); not the `.wasm.gz`, which the script fetches only beside
   * itself. The languages' `changecost.<lang>.<hash>.txt` are then fetched
   * from beside it, under their names (their SHA-384s are checked too).
   */
  wasmUrl?: string | URL;
  /** The package's `changecost-worker.<hash>.js` (on the page's own origin: browsers start workers from there only). */
  workerUrl?: string | URL;
}

/**
 * Loads the calculator (its wasm, from beside the script unless `options`
 * say where; the stylesheet is inside the script) and registers the element;
 * default name `change-cost`. On a server (no `customElements`) it does nothing.
 */
export declare function define(name?: string, options?: ChangeCostLoadOptions): Promise<void>;
export declare function define(options: ChangeCostLoadOptions): Promise<void>;
/** Loads the wasm and the stylesheet once (the first call's options hold for the page); `define()` calls it. */
export declare function load(options?: ChangeCostLoadOptions): Promise<CSSStyleSheet>;

declare global {
  interface HTMLElementTagNameMap {
    'change-cost': ChangeCost;
  }
  // The events are composed and bubble: a listener on document hears every calculator.
  interface DocumentEventMap extends ChangeCostEventMap {}
}
