// Where a program is on PATH, for the scripts and tests that use one
// when it is installed (the cross-engine tests, the wire measurements).
import { execFileSync } from 'node:child_process';

/** The path of `name` on PATH, or null when it is not installed. */
export function which(name) {
  try {
    return execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim() || null;
  } catch {
    return null;
  }
}
