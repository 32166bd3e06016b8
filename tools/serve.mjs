// tools/serve.py started on a free port for a script or a test that
// measures or checks what a server sends (the benchmarks, the wire
// tests), waited for until it answers.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from './free-port.mjs';

/**
 * Serves `dir` with `root`/tools/serve.py and `flags` (`--gzip`,
 * `--gz-encoding`, `--no-csp`); resolves to its origin and process once it
 * answers (any status), or rejects with its last error output after 10 s
 * or when it exits. The caller kills the process. `root` is the
 * repository's folder: this file cannot find it from its own address,
 * which Playwright's transform of the tests that import it does not keep.
 * The server's error output is kept, not shown: a browser context closed
 * while a file is still being sent makes it print a harmless
 * BrokenPipeError.
 */
export async function serve(root, dir, flags = []) {
  const port = await freePort();
  const child = spawn('python3', [join(root, 'tools', 'serve.py'), '--port', String(port), '--dir', dir, ...flags],
    { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr = (stderr + d).slice(-4000); });
  const origin = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i += 1) {
    if (child.exitCode !== null) throw new Error(`tools/serve.py exited with ${child.exitCode}: ${stderr}`);
    try {
      (await fetch(`${origin}/`)).body?.cancel();
      return { origin, child };
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error(`tools/serve.py ${flags.join(' ')} did not answer within 10 s: ${stderr}`);
}
