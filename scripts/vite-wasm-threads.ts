/**
 * Lets tfjs-backend-wasm run its multi-threaded build in a bundled app.
 *
 * Each WASM thread is a worker that loads the main Emscripten script. tfjs hands the workers
 * a Blob made from `wasmFactoryThreadedSimd.toString()`: once the bundler has minified that
 * factory it refers to names that exist only in the bundle, and every thread dies with
 * "e is not defined". This plugin points the workers at the unminified script instead,
 * which `npm run prepare:assets` copies next to the .wasm files. Without a path prefix
 * (`setWasmPaths`) the original Blob is kept.
 */
import type { Plugin } from 'vite';

/** File name of the Emscripten script the threads load; served beside the .wasm files. */
export const THREADED_SCRIPT = 'tfjs-backend-wasm-threaded-simd.js';

const BACKEND_MODULE = /@tensorflow[\\/]tfjs-backend-wasm[\\/]dist[\\/]backend_wasm\.js$/;
const BLOB_FROM_FACTORY = new RegExp(
  String.raw`new Blob\(\[\`var WasmBackendModuleThreadedSimd = \` \+\s*` +
  String.raw`wasmFactoryThreadedSimd\.toString\(\)\], \{ type: 'text\/javascript' \}\)`);

export function wasmThreadsPlugin(): Plugin {
  return {
    name: 'tfjs-wasm-threads',
    enforce: 'pre',
    transform(code, id) {
      if (!BACKEND_MODULE.test(id)) return null;
      if (!BLOB_FROM_FACTORY.test(code)) {
        // A tfjs upgrade moved the code: fail the build rather than ship dead threads.
        this.error(`tfjs-wasm-threads: ${id} no longer builds its thread script from ` +
          'wasmFactoryThreadedSimd.toString(); update scripts/vite-wasm-threads.ts.');
      }
      // Absolute, because the thread workers start from blob: URLs and cannot resolve a path.
      const url = `new URL(wasmPathPrefix + '${THREADED_SCRIPT}', self.location.href).href`;
      return { code: code.replace(BLOB_FROM_FACTORY,
        (blob) => `(typeof wasmPathPrefix === 'string' ? ${url} : ${blob})`), map: null };
    },
  };
}
