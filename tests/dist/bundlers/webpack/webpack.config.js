// webpack 5 as it comes: new URL('./file', import.meta.url) and
// new Worker(new URL(...)) are its own asset and worker syntax.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

export default {
  mode: 'production',
  context: here,
  entry: './main.js',
  output: { path: path.join(here, 'dist'), clean: true },
};
