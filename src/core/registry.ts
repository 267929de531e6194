/**
 * Every demo the worker, the tests and the CLI can run, by id. Lazy so that a chapter's
 * worker loads only the models it needs. Add one line per demo.
 */
import type { DemoDefinition } from './demo';

type Loader = () => Promise<DemoDefinition>;

export const demoRegistry: Record<string, Loader> = {
};

export async function loadDemo(id: string): Promise<DemoDefinition> {
  const loader = demoRegistry[id];
  if (!loader) throw new Error(`Unknown demo "${id}". Known demos: ${Object.keys(demoRegistry).join(', ')}`);
  return loader();
}
