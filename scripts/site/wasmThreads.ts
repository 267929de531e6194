/**
 * Makes tfjs's threaded SIMD wasm build work in a minified bundle (tfjs issue #4107).
 *
 * tfjs starts its pthread workers with the glue script's source text, taken from the bundled
 * factory function by `wasmFactoryThreadedSimd.toString()`. Once minified, that function refers
 * to names of the bundle's scope that do not exist in the pthread worker ("e is not defined").
 * This plugin hands Emscripten the original glue file instead: tfjs's own
 * `wasm-out/tfjs-backend-wasm-threaded-simd.js`, emitted byte for byte as a same-origin asset
 * (`?url`, never minified), whose URL the pthread workers load with importScripts. The build
 * fails when tfjs's code no longer has the expected line, so an upgrade cannot silently fall
 * back to the broken path.
 */
import type { Plugin } from 'vite';

const TARGET = /@tensorflow[\\/]tfjs-backend-wasm[\\/]dist[\\/]backend_wasm\.js$/;
const BLOB =
  /new Blob\(\[`var WasmBackendModuleThreadedSimd = ` \+\s*wasmFactoryThreadedSimd\.toString\(\)\],\s*\{ type: 'text\/javascript' \}\)/;
const GLUE = '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js?url&no-inline';

/** The module's code with the glue's asset URL in place of the Blob of the factory's source. */
export function patchThreadedGlue(code: string): string {
  if (!BLOB.test(code)) {
    throw new Error('wasmThreads: tfjs-backend-wasm no longer builds its pthread script from wasmFactoryThreadedSimd.toString(); update scripts/site/wasmThreads.ts');
  }
  const url = 'new URL(__tfjsThreadedGlueUrl, self.location.href).href';
  return `import __tfjsThreadedGlueUrl from ${JSON.stringify(GLUE)};\n${code.replace(BLOB, url)}`;
}

export function wasmThreads(): Plugin {
  return {
    name: 'book-wasm-threads',
    apply: 'build',
    enforce: 'pre',
    transform(code, id) {
      if (!TARGET.test(id.split('?')[0])) return null;
      return { code: patchThreadedGlue(code), map: null };
    },
  };
}
