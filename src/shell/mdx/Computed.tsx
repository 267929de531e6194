/**
 * `<Computed name="em-final-loglik" />`: a number in the prose computed by src/core through
 * `computedRegistry[name]()` (src/shell/computed.ts), never typed in. The registry is loaded
 * lazily so that core code (and tfjs) stays out of the shell's initial bundle.
 */
import { createContext, Suspense, use, useContext } from 'react';
import { settledPromise } from '../settledPromise';
import { ErrorNote } from './ErrorNote';

type Registry = Record<string, () => string>;

/** A registry that replaces src/shell/computed.ts (tests supply their own). */
export const ComputedRegistryContext = createContext<Registry | null>(null);

let loading: Promise<Registry> | undefined;

export function loadComputedRegistry(): Promise<Registry> {
  loading ??= settledPromise(import('../computed').then((m) => m.computedRegistry));
  return loading;
}

function ComputedValue({ name }: { name: string }) {
  // use() must be called on every render that called it once (React tracks the same promise, which
  // resolves synchronously after the first time), so no shortcut through the cached `registry` here.
  const override = useContext(ComputedRegistryContext);
  const table = override ?? use(loadComputedRegistry());
  const compute = Object.prototype.hasOwnProperty.call(table, name) ? table[name] : undefined;
  if (!compute) return <ErrorNote inline>Unknown computed value “{name}” (add it to src/shell/computed.ts)</ErrorNote>;
  let text: string;
  try {
    text = compute();
  } catch (error) {
    return (
      <ErrorNote inline>
        Computing “{name}” failed: {(error as Error).message}
      </ErrorNote>
    );
  }
  return (
    <span className="computed" data-computed={name}>
      {text}
    </span>
  );
}

export function Computed({ name }: { name: string }) {
  return (
    <Suspense fallback={<span className="computed computed-loading">…</span>}>
      <ComputedValue name={name} />
    </Suspense>
  );
}
