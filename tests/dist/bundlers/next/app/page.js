// A server component (prerendered at build time) with the calculator in a
// client component.
import Calculator from './calculator.js';

export default function Page() {
  return (
    <main>
      <h1>Next.js</h1>
      <Calculator />
    </main>
  );
}
