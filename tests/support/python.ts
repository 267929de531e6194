import { spawnSync } from 'node:child_process';

/** A python3 that has NumPy (Debian's /usr/bin/python3 or the one on PATH), or null. */
export function pythonWithNumpy(): string | null {
  for (const py of ['python3', '/usr/bin/python3']) {
    if (spawnSync(py, ['-c', 'import numpy'], { stdio: 'ignore' }).status === 0) return py;
  }
  return null;
}
