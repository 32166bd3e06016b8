// JSX typings for React 19: `import type {} from 'changecost/jsx';` once in
// your project, then <change-cost rate="95" lang="de" /> type-checks.
// React 19 passes these as attributes (strings) or, where the element has a
// property of that name, as properties.
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { ChangeCost, ChangeCostAttributes } from './element.js';

/** The props of <change-cost> in JSX: its attributes, the usual HTML props, and its events. */
export type ChangeCostProps = Omit<DetailedHTMLProps<HTMLAttributes<ChangeCost>, ChangeCost>, keyof ChangeCostAttributes>
  & ChangeCostAttributes;

declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'change-cost': ChangeCostProps;
    }
  }
}
