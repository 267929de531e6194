/**
 * A promise that React's `use()` reads synchronously once it has settled: React looks at a
 * thenable's `status`/`value`/`reason` fields (the convention it applies to promises it tracks)
 * before suspending. Hydration relies on it: with a chapter's module, the bibliography and the
 * computed numbers loaded before `hydrateRoot` (src/shell/preload.ts), nothing suspends, so the
 * whole page hydrates in one pass and no part of it is re-rendered from scratch.
 */
type Tracked<T> = Promise<T> & { status?: 'pending' | 'fulfilled' | 'rejected'; value?: T; reason?: unknown };

export function settledPromise<T>(promise: Promise<T>): Promise<T> {
  const tracked = promise as Tracked<T>;
  tracked.status = 'pending';
  promise.then(
    (value) => {
      tracked.status = 'fulfilled';
      tracked.value = value;
    },
    (reason: unknown) => {
      tracked.status = 'rejected';
      tracked.reason = reason;
    },
  );
  return promise;
}
