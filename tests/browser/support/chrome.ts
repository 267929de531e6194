/**
 * Finds a Chromium-family browser for the browser tests and the benchmarks: $CHROME_PATH first,
 * then the usual install locations. Never downloads one (this project must work offline).
 */
import { accessSync, constants } from 'node:fs';
import path from 'node:path';

const CANDIDATES = ['/usr/bin/chromium', 'chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

export const INSTALL_HINT = [
  'No Chromium-family browser was found for the browser tests.',
  'Install one and run again:',
  '  Debian/Ubuntu:  sudo apt-get install -y chromium',
  '  macOS:          install Google Chrome, then',
  '                  export CHROME_PATH="/Applications/Google Chrome.app/Contents/MacOS/Google Chrome"',
  '  anywhere:       export CHROME_PATH=/path/to/chrome-or-chromium',
].join('\n');

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const full = path.join(dir, name);
    if (isExecutable(full)) return full;
  }
  return null;
}

/** Returns the browser's path or throws with installation instructions. */
export function findChrome(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.CHROME_PATH;
  if (fromEnv) {
    if (isExecutable(fromEnv)) return fromEnv;
    throw new Error(`CHROME_PATH is set to "${fromEnv}", which is not an executable file.\n\n${INSTALL_HINT}`);
  }
  for (const c of CANDIDATES) {
    const found = path.isAbsolute(c) ? (isExecutable(c) ? c : null) : onPath(c);
    if (found) return found;
  }
  throw new Error(INSTALL_HINT);
}

/** Flags for a quiet headless Chromium on a machine with no outside network. */
export const CHROME_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-default-apps',
  '--disable-dev-shm-usage',
  '--enable-unsafe-swiftshader',
  '--ignore-gpu-blocklist',
];
