/**
 * A static file server that behaves like a plain static host (no rewrites): it serves files,
 * `<dir>/index.html` for directory paths, and `404.html` otherwise. It sends the cross-origin
 * isolation headers the book documents for hosting, so wasm threads are testable, and the
 * book's Content-Security-Policy as a header (as `npm run preview` and dist/_headers do), so a
 * violation anywhere, workers included, shows up in the tests.
 */
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import { policyForHtml } from '../../../scripts/site/csp';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.bin': 'application/octet-stream',
  '.safetensors': 'application/octet-stream',
  '.map': 'application/json',
};

export const ISOLATION_HEADERS = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export function resolveStaticPath(root: string, urlPath: string): { file: string; status: number } | null {
  const clean = decodeURIComponent(urlPath.split('?')[0]).replace(/\/+/g, '/');
  const base = path.resolve(root);
  const target = path.resolve(base, '.' + clean);
  if (target !== base && !target.startsWith(base + path.sep)) return null;
  if (existsSync(target) && statSync(target).isFile()) return { file: target, status: 200 };
  const index = path.join(target, 'index.html');
  if (existsSync(index)) return { file: index, status: 200 };
  const notFound = path.join(root, '404.html');
  if (existsSync(notFound)) return { file: notFound, status: 404 };
  return null;
}

/** The policy for the site in `root`, hashed from its index.html; undefined when there is none. */
export function sitePolicy(root: string): string | undefined {
  const index = path.join(root, 'index.html');
  return existsSync(index) ? policyForHtml(readFileSync(index, 'utf8')) : undefined;
}

export function startStaticServer(root: string, port = 0): Promise<{ server: Server; url: string }> {
  const policy = sitePolicy(root);
  const securityHeaders: Record<string, string> = policy ? { 'Content-Security-Policy': policy } : {};
  const server = createServer((req, res) => {
    const hit = resolveStaticPath(root, req.url ?? '/');
    if (!hit) {
      res.writeHead(404, ISOLATION_HEADERS).end('not found');
      return;
    }
    res.writeHead(hit.status, {
      ...ISOLATION_HEADERS,
      ...securityHeaders,
      'Content-Type': TYPES[path.extname(hit.file)] ?? 'application/octet-stream',
      'Cache-Control': 'no-cache',
    });
    createReadStream(hit.file).pipe(res);
  });
  return new Promise((resolve) => {
    server.listen(port, '127.0.0.1', () => {
      const addr = server.address();
      const actual = typeof addr === 'object' && addr ? addr.port : port;
      resolve({ server, url: `http://127.0.0.1:${actual}` });
    });
  });
}
