import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { inlineScripts, policyDirectives, policyForHtml, scriptHash, withPolicyMeta } from '../../../scripts/site/csp';

const page = `<!doctype html><html><head><meta charset="UTF-8" />
<script>document.documentElement.dataset.theme = 'dark';</script>
<script type="module" crossorigin src="/assets/index-abc.js"></script>
<script type="application/ld+json">{"a":1}</script>
</head><body><div id="root"></div></body></html>`;

describe('content security policy', () => {
  it('hashes exactly the inline classic scripts', () => {
    expect(inlineScripts(page)).toEqual(["document.documentElement.dataset.theme = 'dark';"]);
    const expected = createHash('sha256').update("document.documentElement.dataset.theme = 'dark';").digest('base64');
    expect(scriptHash(inlineScripts(page)[0])).toBe(`'sha256-${expected}'`);
    expect(policyForHtml(page)).toContain(`'sha256-${expected}'`);
  });

  it('allows no inline script without a hash, no eval and no other origin', () => {
    const directives = new Map(policyDirectives({ scriptHashes: ["'sha256-x'"] }));
    const scripts = directives.get('script-src')!;
    expect(scripts).not.toContain("'unsafe-inline'");
    expect(scripts).not.toContain("'unsafe-eval'");
    expect(scripts).toContain("'wasm-unsafe-eval'");
    expect(directives.get('object-src')).toEqual(["'none'"]);
    for (const sources of directives.values()) {
      for (const source of sources) expect(source).not.toMatch(/^(https?:|\*|\w+\.\w+)/);
    }
  });

  it('puts the meta before every script, right after the charset', () => {
    const html = withPolicyMeta(page);
    const meta = html.indexOf('http-equiv="Content-Security-Policy"');
    expect(meta).toBeGreaterThan(html.indexOf('<meta charset'));
    expect(meta).toBeLessThan(html.indexOf('<script'));
    expect(() => withPolicyMeta('<html><head></head></html>')).toThrow(/meta charset/);
  });
});
