/**
 * Content-Security-Policy: every page carries the policy (meta and header), the policy forbids
 * un-hashed inline script, and the collector that the widget tour relies on (problems.cspViolations
 * in support/page.ts) does see a violation when one happens. The tour itself (zero violations while
 * every widget of every chapter runs) is in widgets.test.ts.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { chapters } from './support/manifest';
import { baseURL, closeBrowser, openPage } from './support/page';

afterAll(closeBrowser);

function directive(policy: string, name: string): string[] {
  const found = policy.split(';').map((d) => d.trim().split(/\s+/)).find(([n]) => n === name);
  return found ? found.slice(1) : [];
}

describe('content security policy', () => {
  it('every chapter page has the policy as a meta and as a header, and they agree', async () => {
    for (const c of chapters()) {
      const response = await fetch(`${baseURL()}/${c.slug}/`);
      const header = response.headers.get('content-security-policy') ?? '';
      const html = await response.text();
      const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1] ?? '';
      expect(meta, c.slug).not.toBe('');
      expect(header, c.slug).toBe(meta);
      const scripts = directive(meta, 'script-src');
      expect(scripts).not.toContain("'unsafe-inline'");
      expect(scripts).not.toContain("'unsafe-eval'");
      expect(scripts.filter((s) => s.startsWith("'sha256-"))).toHaveLength(1); // the theme script
    }
  });

  it('an inline script without a hash is blocked and reported', async () => {
    const { page, context, problems } = await openPage(`/${chapters()[0].slug}/`);
    await page.locator('.katex').first().waitFor({ timeout: 60_000 });
    expect(problems.cspViolations).toEqual([]);
    const ran = await page.evaluate(async () => {
      const script = document.createElement('script');
      script.textContent = 'window.__injected = true;';
      document.head.append(script);
      await new Promise((r) => setTimeout(r, 100));
      return (window as unknown as { __injected?: boolean }).__injected === true;
    });
    expect(ran).toBe(false);
    await expect.poll(() => problems.cspViolations.length).toBeGreaterThan(0);
    expect(problems.cspViolations.join('\n')).toMatch(/script-src/);
    await context.close();
  });
});
