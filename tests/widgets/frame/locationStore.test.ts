/**
 * The query-string store with a minimal fake window: writes are visible at once, reach
 * history.replaceState once after a burst, and outside changes (popstate) are picked up.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

class FakeWindow extends EventTarget {
  replaceCalls: string[] = [];
  location = { search: '?a.k=2', pathname: '/ch/2', hash: '#sec' };
  history = {
    state: null,
    replaceState: (_s: unknown, _t: string, url: string) => {
      this.replaceCalls.push(url);
      const q = url.indexOf('?');
      const h = url.indexOf('#');
      this.location.search = q < 0 ? '' : url.slice(q, h < 0 ? undefined : h);
    },
  };
}

describe('locationStore', () => {
  let win: FakeWindow;
  beforeEach(() => {
    vi.useFakeTimers();
    vi.resetModules();
    win = new FakeWindow();
    vi.stubGlobal('window', win);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('reads the current query string and notifies subscribers of writes at once', async () => {
    const store = await import('../../../src/widgets/frame/locationStore');
    const seen: string[] = [];
    const unsubscribe = store.subscribe(() => seen.push(store.getSearch()));
    expect(store.getSearch()).toBe('?a.k=2');
    store.setSearch('?a.k=3');
    store.setSearch('?a.k=4');
    expect(seen).toEqual(['?a.k=3', '?a.k=4']);
    expect(store.getSearch()).toBe('?a.k=4');
    expect(win.replaceCalls).toEqual([]); // not yet: writes are coalesced
    vi.advanceTimersByTime(500);
    expect(win.replaceCalls).toEqual(['/ch/2?a.k=4#sec']);
    unsubscribe();
  });

  it('picks up back/forward navigation', async () => {
    const store = await import('../../../src/widgets/frame/locationStore');
    let calls = 0;
    const unsubscribe = store.subscribe(() => calls++);
    win.location.search = '?b.seed=9';
    win.dispatchEvent(new Event('popstate'));
    expect(calls).toBe(1);
    expect(store.getSearch()).toBe('?b.seed=9');
    unsubscribe();
  });

  it('updateSearch composes with pending writes', async () => {
    const store = await import('../../../src/widgets/frame/locationStore');
    store.updateSearch((s) => `${s}&x.a=1`);
    store.updateSearch((s) => `${s}&y.b=2`);
    expect(store.getSearch()).toBe('?a.k=2&x.a=1&y.b=2');
  });

  it('detects debug pages', async () => {
    win.location.search = '?debug=1&a.k=2';
    const store = await import('../../../src/widgets/frame/locationStore');
    expect(store.isDebugPage()).toBe(true);
    // and only those: no debug key, debug=0, or a widget's own key named like it
    for (const search of ['?a.k=2', '?debug=0', '?a.debug=1']) {
      store.setSearch(search);
      expect(store.isDebugPage()).toBe(false);
    }
  });
});

describe('debug hook', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('registers and unregisters a widget under window.__bookDebug', async () => {
    vi.stubGlobal('window', {});
    const { registerDebugWidget } = await import('../../../src/widgets/frame/debugHook');
    const actions: string[] = [];
    const off = registerDebugWidget('w', {
      debug: (a) => actions.push(a),
      status: () => ({ status: 'idle', step: 0, backend: null, metrics: null, notices: [], values: {}, seed: 1, presenting: false }),
    });
    const hooks = (window as unknown as { __bookDebug: { widgets: Record<string, { debug(a: string): void }> } }).__bookDebug;
    hooks.widgets.w.debug('corrupt');
    expect(actions).toEqual(['corrupt']);
    off();
    expect(hooks.widgets.w).toBeUndefined();
  });
});
