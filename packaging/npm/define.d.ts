// Types for "changecost/define" (changecost.js): importing it registers
// <change-cost>; it re-exports everything of "changecost".
export * from './element.js';
