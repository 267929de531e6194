import { describe, expect, it } from 'vitest';
import { CORES_LOCK, threadBudget, threadsFor, withCores, withCoresReported, type LockManagerLike } from '../../src/runtime/threads';

describe('threadBudget', () => {
  it('uses both cores of a 1–2 core machine, half the logical cores above, between 2 and 8', () => {
    expect([1, 2, 3, 4, 8, 12, 16, 32].map(threadBudget)).toEqual([1, 2, 2, 2, 4, 6, 8, 8]);
  });
  it('reads a missing or odd value as one core', () => {
    expect(threadBudget(Number.NaN)).toBe(1);
    expect(threadBudget(0)).toBe(1);
    expect(threadBudget(2.7)).toBe(2);
  });
});

describe('threadsFor', () => {
  it('gives the budget only to heavy demos on isolated pages with at least 2 threads to give', () => {
    expect(threadsFor(true, true, 4)).toBe(4);
    expect(threadsFor(false, true, 4)).toBe(1);
    expect(threadsFor(true, false, 4)).toBe(1);
    expect(threadsFor(true, true, 1)).toBe(1);
  });
});

/** A FIFO exclusive lock manager like the browser's for one name. */
function fakeLocks(): LockManagerLike & { names: string[] } {
  let tail: Promise<unknown> = Promise.resolve();
  const names: string[] = [];
  return {
    names,
    request<T>(name: string, callback: () => Promise<T>): Promise<T> {
      names.push(name);
      const run = tail.then(() => callback());
      tail = run.catch(() => undefined);
      return run;
    },
  };
}

describe('withCores', () => {
  it('runs batches of two workers one after the other, never interleaved', async () => {
    const locks = fakeLocks();
    const log: string[] = [];
    const batch = (who: string) => async () => {
      log.push(`${who} start`);
      await new Promise((r) => setTimeout(r, 5));
      log.push(`${who} end`);
    };
    await Promise.all([withCores(locks, batch('a')), withCores(locks, batch('b')), withCores(locks, batch('a'))]);
    expect(log).toEqual(['a start', 'a end', 'b start', 'b end', 'a start', 'a end']);
    expect(new Set(locks.names)).toEqual(new Set([CORES_LOCK]));
  });
  it('just runs the batch without the Web Locks API', async () => {
    await expect(withCores(undefined, async () => 7)).resolves.toBe(7);
  });
});

describe('withCoresReported', () => {
  class Nav {
    get hardwareConcurrency(): number {
      return 2;
    }
  }
  it('reports 2 × threads during init and the real value after, even when init fails', async () => {
    const nav = new Nav();
    await expect(withCoresReported(nav, 2, async () => nav.hardwareConcurrency)).resolves.toBe(4);
    expect(nav.hardwareConcurrency).toBe(2);
    await expect(
      withCoresReported(nav, 3, async () => {
        throw new Error('no wasm');
      }),
    ).rejects.toThrow('no wasm');
    expect(nav.hardwareConcurrency).toBe(2);
  });
  it('leaves the value alone for one thread', async () => {
    const nav = new Nav();
    await expect(withCoresReported(nav, 1, async () => nav.hardwareConcurrency)).resolves.toBe(2);
  });
});
