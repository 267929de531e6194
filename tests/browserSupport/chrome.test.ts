import { describe, expect, it } from 'vitest';
import { findChrome, INSTALL_HINT } from '../browser/support/chrome';
import { resolveStaticPath } from '../browser/support/staticServer';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// The browser suite's own plumbing, tested in Node: it must fail loudly, never skip.
describe('findChrome', () => {
  it('rejects a CHROME_PATH that is not an executable, with install instructions', () => {
    expect(() => findChrome({ CHROME_PATH: '/nonexistent/chrome', PATH: '' })).toThrow(/not an executable[\s\S]*apt-get install -y chromium/);
  });

  it('explains how to install a browser when none is found', () => {
    // An empty PATH hides every candidate except the absolute /usr/bin/chromium.
    try {
      const found = findChrome({ PATH: '' });
      expect(found).toBe('/usr/bin/chromium');
    } catch (err) {
      expect((err as Error).message).toBe(INSTALL_HINT);
    }
  });
});

describe('resolveStaticPath', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'book-static-'));
  mkdirSync(path.join(root, 'em-algorithm'));
  writeFileSync(path.join(root, 'index.html'), 'home');
  writeFileSync(path.join(root, '404.html'), 'missing');
  writeFileSync(path.join(root, 'em-algorithm/index.html'), 'ch2');

  it('serves directory indexes like a static host', () => {
    expect(resolveStaticPath(root, '/em-algorithm/?w.k=3')).toEqual({ file: path.join(root, 'em-algorithm/index.html'), status: 200 });
  });
  it('answers unknown paths with 404.html and refuses to leave the root', () => {
    expect(resolveStaticPath(root, '/nope/')).toEqual({ file: path.join(root, '404.html'), status: 404 });
    expect(resolveStaticPath(root, '/../../etc/passwd')).toBeNull();
    expect(resolveStaticPath(root, '/%2e%2e/%2e%2e/etc/passwd')).toBeNull();
  });
});
