/**
 * The book's MDX and React plugins for Vite, shared by the site build (vite.config.ts) and the
 * build-time server render (scripts/site/prerender.ts), so both compile chapters identically.
 * Compiling a chapter (remark, KaTeX) is most of a build's time, and the server render compiles
 * the same files again in the same process: compiled chapters are kept by (mode, path, source).
 */
import mdx from '@mdx-js/rollup';
import react from '@vitejs/plugin-react';
import type { Plugin, PluginOption } from 'vite';
import { mdxPipeline } from './options.ts';

type Transform = (this: unknown, code: string, id: string) => Promise<unknown>;

const compiled = new Map<string, Promise<unknown>>();

function cachedMdx(): Plugin {
  const plugin = mdx({
    // remark-gfm, remark-math, stable heading ids, build-time numbering; rehype-katex (throwOnError).
    ...mdxPipeline(),
    providerImportSource: '@mdx-js/react',
  }) as Plugin;
  const transform = plugin.transform as Transform;
  let mode = '';
  return {
    ...plugin,
    enforce: 'pre',
    config(config, env) {
      mode = env.mode;
      return (plugin.config as (c: typeof config, e: typeof env) => void).call(this, config, env);
    },
    transform(code, id) {
      if (!/\.mdx?(\?|$)/.test(id)) return null;
      const key = `${mode}\u0000${id}\u0000${code}`;
      let result = compiled.get(key);
      if (!result) {
        result = transform.call(this, code, id);
        compiled.set(key, result);
        result.catch(() => compiled.delete(key));
      }
      return result as ReturnType<Transform> as never;
    },
  };
}

export function bookMdxPlugins(): PluginOption[] {
  return [cachedMdx(), react({ include: /\.(mdx|tsx|ts)$/ })];
}
