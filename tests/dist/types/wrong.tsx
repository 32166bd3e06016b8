// Each marked line must fail under tsc --strict (tests/dist/types.spec.js).
import type {} from 'changecost/jsx';
import 'changecost/define';
import { define } from 'changecost';

export const a = <change-cost rat="95" />; // WRONG: no such attribute
export const b = <change-cost theme="blue" />; // WRONG: not a theme
export const d = <change-cost persist="sometimes" />; // WRONG: on, off or ask
const calc = document.querySelector('change-cost')!;
calc.addEventListener('changecost:change', (event) => event.detail.totals.hourly.toUpperCase()); // WRONG: cents are numbers
calc.scenario = { v: 3 }; // WRONG: no version 3
export const c: string = calc.result; // WRONG: result is an object
define({ wasmURL: '/x.wasm' }); // WRONG: no such option
