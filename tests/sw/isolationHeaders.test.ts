import { describe, expect, it } from 'vitest';
import { ISOLATION_HEADERS, servedHeadersPlugin, withIsolationHeaders } from '../../src/sw/isolationHeaders';

describe('isolation headers on responses served by the service worker', () => {
  it('adds COOP, COEP and CORP and keeps status, body and the other headers', async () => {
    const cached = new Response('<p>chapter</p>', {
      status: 200,
      statusText: 'OK',
      headers: { 'Content-Type': 'text/html', 'Content-Security-Policy': "default-src 'self'" },
    });
    const served = withIsolationHeaders(cached);
    expect(served.headers.get('Cross-Origin-Opener-Policy')).toBe('same-origin');
    expect(served.headers.get('Cross-Origin-Embedder-Policy')).toBe('require-corp');
    expect(served.headers.get('Cross-Origin-Resource-Policy')).toBe('same-origin');
    expect(served.headers.get('Content-Type')).toBe('text/html');
    expect(served.headers.get('Content-Security-Policy')).toBe("default-src 'self'");
    expect(served.status).toBe(200);
    await expect(served.text()).resolves.toBe('<p>chapter</p>');
  });

  it('replaces weaker values a host may have sent', () => {
    const served = withIsolationHeaders(new Response('x', { headers: { 'Cross-Origin-Embedder-Policy': 'unsafe-none' } }));
    expect(served.headers.get('Cross-Origin-Embedder-Policy')).toBe(ISOLATION_HEADERS['Cross-Origin-Embedder-Policy']);
  });

  it('sets the given Content-Security-Policy, replacing one the cached response had', () => {
    const cached = new Response('x', { headers: { 'Content-Security-Policy': "default-src *" } });
    const served = withIsolationHeaders(cached, "default-src 'self'; object-src 'none'");
    expect(served.headers.get('Content-Security-Policy')).toBe("default-src 'self'; object-src 'none'");
    expect(withIsolationHeaders(new Response('x')).headers.get('Content-Security-Policy')).toBeNull();
  });

  it('is the Workbox plugin that the precache route runs on every response, with the build’s policy', async () => {
    const hook = servedHeadersPlugin("default-src 'self'").handlerWillRespond!;
    const response = await hook({ request: new Request('https://book.test/'), response: new Response('x'), event: {} as ExtendableEvent, state: {} });
    expect(response.headers.get('Cross-Origin-Opener-Policy')).toBe('same-origin');
    expect(response.headers.get('Content-Security-Policy')).toBe("default-src 'self'");
  });
});
