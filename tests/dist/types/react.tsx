// React 19 picks up <change-cost> through changecost/jsx (tsc --strict, jsx: react-jsx).
import type {} from 'changecost/jsx';
import type { ChangeCost } from 'changecost';
import { useRef } from 'react';

export function Calculator({ rate }: { rate: number }) {
  const ref = useRef<ChangeCost>(null);
  return (
    <section>
      <change-cost ref={ref} lang="de" rate={rate} hours="120" hours-low={100} models="hourly fixed capped"
        theme="dark" persist="off" className="calc" id="calc" />
      <change-cost lang="en" persist="ask" />
    </section>
  );
}
