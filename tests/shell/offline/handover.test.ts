import { describe, expect, it } from 'vitest';
import { ASKED, FALLBACK_MS, requestUpdate, resumeUpdate, TAKEN_OVER, UPDATE_REQUESTED_KEY, type HandoverEnv } from '../../../src/shell/offline/handover';

/** A fake browser: a waiting worker that records its messages, timers and controller changes run by hand. */
function fakeEnv(hasWaiting: boolean, stored: Record<string, string> = {}) {
  const messages: unknown[] = [];
  const listeners: Array<() => void> = [];
  const timers: Array<{ ms: number; fn: () => void }> = [];
  const data = new Map(Object.entries(stored));
  let reloads = 0;
  const env: HandoverEnv = {
    waiting: async () => (hasWaiting ? { postMessage: (m: unknown) => void messages.push(m) } : null),
    onControllerChange: (listener) => void listeners.push(listener),
    reload: () => void reloads++,
    storage: {
      getItem: (k) => data.get(k) ?? null,
      setItem: (k, v) => void data.set(k, v),
      removeItem: (k) => void data.delete(k),
    },
    after: (ms, fn) => void timers.push({ ms, fn }),
  };
  return {
    env,
    messages,
    timers,
    stored: () => data.get(UPDATE_REQUESTED_KEY),
    reloads: () => reloads,
    controllerChanges: () => listeners.splice(0).forEach((l) => l()),
  };
}

describe('the Reload of the update notice (handover.ts)', () => {
  it('asks the waiting worker to take over and reloads once it controls the page', async () => {
    const f = fakeEnv(true);
    await requestUpdate(f.env);
    expect(f.messages).toEqual([{ type: 'SKIP_WAITING' }]);
    expect(f.stored()).toBe(ASKED);
    expect(f.reloads()).toBe(0);
    f.controllerChanges();
    expect(f.reloads()).toBe(1);
    expect(f.stored()).toBe(TAKEN_OVER);
    // The fallback finds the page already reloading and does not reload it twice.
    f.timers.forEach((t) => t.fn());
    expect(f.reloads()).toBe(1);
  });

  it('reloads anyway after FALLBACK_MS when the new worker has not taken over (the active one is busy)', async () => {
    const f = fakeEnv(true);
    await requestUpdate(f.env);
    expect(f.timers.map((t) => t.ms)).toEqual([FALLBACK_MS]);
    f.timers[0].fn();
    expect(f.reloads()).toBe(1);
    expect(f.stored()).toBe(ASKED);
    f.controllerChanges();
    expect(f.reloads()).toBe(1);
  });

  it('after a fallback reload, a page loaded while the worker still waits asks again and reloads when it takes over', async () => {
    const f = fakeEnv(true, { [UPDATE_REQUESTED_KEY]: ASKED });
    await resumeUpdate(f.env);
    expect(f.messages).toEqual([{ type: 'SKIP_WAITING' }]);
    expect(f.reloads()).toBe(0);
    f.controllerChanges();
    expect(f.reloads()).toBe(1);
    expect(f.stored()).toBe(TAKEN_OVER);
  });

  it('after a fallback reload, with nothing waiting any more, reloads once more (this page may be the old worker\'s)', async () => {
    const f = fakeEnv(false, { [UPDATE_REQUESTED_KEY]: ASKED });
    await resumeUpdate(f.env);
    expect(f.reloads()).toBe(1);
    expect(f.stored()).toBe(TAKEN_OVER);
    expect(f.messages).toEqual([]);
  });

  it('the page loaded after the take-over forgets the request and does nothing', async () => {
    const f = fakeEnv(false, { [UPDATE_REQUESTED_KEY]: TAKEN_OVER });
    await resumeUpdate(f.env);
    expect(f.stored()).toBeUndefined();
    f.controllerChanges();
    expect(f.reloads()).toBe(0);
    expect(f.messages).toEqual([]);
  });

  it('without a request, a waiting worker is left to the notice', async () => {
    const f = fakeEnv(true);
    await resumeUpdate(f.env);
    expect(f.messages).toEqual([]);
    f.controllerChanges();
    expect(f.reloads()).toBe(0);
  });
});
