// Next.js as it comes; the root is the folder of the apps' shared
// node_modules and lock file (tests/dist/bundlers/), not the repository's.
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');

export default { turbopack: { root }, outputFileTracingRoot: root };
