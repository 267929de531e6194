/**
 * The book's Content-Security-Policy, built from the page it protects. One function, used by the
 * build (a <meta> in every page, a `_headers` file for hosts that read one), `npm run preview`
 * and the browser tests' static server, so the three never disagree.
 *
 * What each source is for:
 * - script-src 'self' + a sha256 per inline script: the bundle, and index.html's inline theme
 *   script (set before first paint); nothing else inline may run.
 * - 'wasm-unsafe-eval': tfjs's wasm backend compiles its .wasm binary (WebAssembly.instantiate);
 *   it allows compiling WebAssembly only, not eval() or new Function().
 * - worker-src 'self' blob:: the training workers are same-origin module scripts; tfjs's threaded
 *   wasm starts its pthread workers from blob: URLs made from its own worker source.
 * - style-src 'self' with style-src-attr 'unsafe-inline': stylesheets only from the site; style
 *   *attributes* are allowed because KaTeX's typeset HTML (prerendered into every page) sizes
 *   glyphs with them. An attribute cannot load anything or run script.
 * - img-src / connect-src data: blob:: figures exported or printed as data/blob URLs.
 * Nothing names another origin: fonts, data and weights ship with the site.
 */
import { createHash } from 'node:crypto';

/** The text of every inline (src-less) classic script in an HTML page, in order. */
export function inlineScripts(html: string): string[] {
  const scripts: string[] = [];
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const attributes = match[1];
    if (/\bsrc\s*=/.test(attributes) || /type\s*=\s*["']?(application\/(ld\+)?json|importmap)/i.test(attributes)) continue;
    scripts.push(match[2]);
  }
  return scripts;
}

/** CSP hash source of a script's exact text: 'sha256-<base64>'. */
export function scriptHash(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

export interface PolicyOptions {
  /** Hash sources for the inline scripts the page may run. */
  scriptHashes: readonly string[];
}

/** The directives, in the order they are written. */
export function policyDirectives({ scriptHashes }: PolicyOptions): Array<[string, string[]]> {
  return [
    ['default-src', ["'self'"]],
    ['script-src', ["'self'", "'wasm-unsafe-eval'", ...scriptHashes]],
    ['worker-src', ["'self'", 'blob:']],
    ['style-src', ["'self'"]],
    ['style-src-attr', ["'unsafe-inline'"]],
    ['img-src', ["'self'", 'data:', 'blob:']],
    ['font-src', ["'self'", 'data:']],
    ['connect-src', ["'self'", 'data:', 'blob:']],
    ['manifest-src', ["'self'"]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'self'"]],
    ['form-action', ["'self'"]],
  ];
}

export function policyText(options: PolicyOptions): string {
  return policyDirectives(options)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

/** The policy for a built page: its own inline scripts hashed. */
export function policyForHtml(html: string): string {
  return policyText({ scriptHashes: [...new Set(inlineScripts(html).map(scriptHash))] });
}

/** The page with the policy as a <meta> right after <meta charset>, before any script. */
export function withPolicyMeta(html: string): string {
  const meta = `<meta http-equiv="Content-Security-Policy" content="${policyForHtml(html)}" />`;
  const charset = /<meta charset=[^>]*>/i;
  if (!charset.test(html)) throw new Error('withPolicyMeta: the page has no <meta charset>, which must come first');
  return html.replace(charset, (m) => `${m}\n    ${meta}`);
}
