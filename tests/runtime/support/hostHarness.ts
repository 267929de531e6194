/**
 * Runs a WorkerHost in Node: records what it posts, checks every posted message survives
 * structuredClone with its transfer list, and waits for messages.
 */
import { expect } from 'vitest';
import type { DemoDefinition } from '../../../src/core/demo';
import type { FromWorker, ToWorker } from '../../../src/runtime/protocol';
import { WorkerHost, type BackendControl, type WorkerHostOptions } from '../../../src/runtime/workerHost';

type Of<T extends FromWorker['type']> = Extract<FromWorker, { type: T }>;

export interface Harness {
  host: WorkerHost;
  messages: FromWorker[];
  send(msg: ToWorker): Promise<void>;
  /** Resolves with the first message (after index `from`) that matches. */
  waitFor<T extends FromWorker['type']>(type: T, match?: (m: Of<T>) => boolean, from?: number, timeoutMs?: number): Promise<Of<T>>;
  last<T extends FromWorker['type']>(type: T): Of<T> | undefined;
  all<T extends FromWorker['type']>(type: T): Of<T>[];
}

export function createHarness(
  demos: Record<string, DemoDefinition>,
  backend: BackendControl,
  extra: Partial<WorkerHostOptions> = {},
): Harness {
  const messages: FromWorker[] = [];
  const waiters = new Set<() => void>();
  const host = new WorkerHost({
    post(message, transfer) {
      // What postMessage would do: clone, moving the listed buffers.
      const received = structuredClone(message, { transfer: transfer as Transferable[] });
      messages.push(received);
      for (const w of [...waiters]) w();
    },
    loadDemo: async (id) => {
      const d = demos[id];
      if (!d) throw new Error(`Unknown demo "${id}"`);
      return d;
    },
    backend: async () => backend,
    ...extra,
  });
  const harness: Harness = {
    host,
    messages,
    send: (msg) => host.handle(structuredClone(msg)),
    waitFor(type, match = () => true, from = 0, timeoutMs = 20_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          for (let i = from; i < messages.length; i++) {
            const m = messages[i];
            if (m.type === type && match(m as never)) {
              waiters.delete(check);
              clearTimeout(timer);
              resolve(m as never);
              return;
            }
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`timed out waiting for "${type}"; got ${messages.map((m) => m.type).join(', ')}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    last(type) {
      return harness.all(type).at(-1);
    },
    all(type) {
      return messages.filter((m) => m.type === type) as never;
    },
  };
  return harness;
}

export function expectNoErrors(h: Harness): void {
  expect(h.all('error').map((e) => e.message)).toEqual([]);
}
