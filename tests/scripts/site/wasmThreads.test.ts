import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { patchThreadedGlue } from '../../../scripts/site/wasmThreads';

const require = createRequire(import.meta.url);
const backendFile = require.resolve('@tensorflow/tfjs-backend-wasm/dist/backend_wasm.js');

describe('patchThreadedGlue', () => {
  it("replaces the installed tfjs's Blob of the factory's source by the glue file's URL", () => {
    const code = readFileSync(backendFile, 'utf8');
    const patched = patchThreadedGlue(code);
    expect(patched).not.toContain('wasmFactoryThreadedSimd.toString()');
    expect(patched).toMatch(/^import __tfjsThreadedGlueUrl from "@tensorflow\/tfjs-backend-wasm\/wasm-out\/tfjs-backend-wasm-threaded-simd\.js\?url&no-inline";/);
    expect(patched).toContain('factoryConfig.mainScriptUrlOrBlob = new URL(__tfjsThreadedGlueUrl, self.location.href).href;');
    // Everything else is untouched.
    expect(patched.length - code.length).toBeLessThan(300);
  });
  it('fails loudly on a tfjs that builds its pthread script some other way', () => {
    expect(() => patchThreadedGlue('export const x = 1;')).toThrow(/no longer builds its pthread script/);
  });
  it('the glue it points at defines the factory the pthread workers call', () => {
    const glue = readFileSync(require.resolve('@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js'), 'utf8');
    expect(glue).toMatch(/^\s*var WasmBackendModuleThreadedSimd = /);
  });
});
