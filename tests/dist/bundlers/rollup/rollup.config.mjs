// Rollup 4 with node-resolve, as it comes.
import { nodeResolve } from '@rollup/plugin-node-resolve';

export default {
  input: new URL('main.js', import.meta.url).pathname,
  output: { dir: new URL('dist/', import.meta.url).pathname, format: 'es' },
  plugins: [nodeResolve()],
};
