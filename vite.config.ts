import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { wasmThreadsPlugin } from './scripts/vite-wasm-threads.ts';

/**
 * Nothing may leave the page's origin: every fetch, script, worker and image is same-origin
 * (MediaPipe's usage telemetry included, which `connect-src 'self'` blocks). Blob URLs are
 * local: photos the user picks.
 */
function contentSecurityPolicy(dev: boolean): string {
  return [
    "default-src 'self'",
    // Dev only: Vite's React refresh preamble is an inline script.
    `script-src 'self' 'wasm-unsafe-eval'${dev ? " 'unsafe-inline'" : ''}`,
    "worker-src 'self' blob:",
    "connect-src 'self'",
    "img-src 'self' blob: data:",
    "media-src 'self' blob: mediastream:",
    "style-src 'self' 'unsafe-inline'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
}

/**
 * Cross-origin isolation lets the WASM backend use threads (SharedArrayBuffer).
 */
function headers(dev: boolean): Record<string, string> {
  return {
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Embedder-Policy': 'require-corp',
    'Content-Security-Policy': contentSecurityPolicy(dev),
    'Referrer-Policy': 'no-referrer',
  };
}

/** Puts the policy in the built page too, so any static host enforces it. */
function cspMetaTag(): Plugin {
  return {
    name: 'csp-meta-tag',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', injectTo: 'head-prepend', attrs: {
      'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy(false) } }],
  };
}

export default defineConfig({
  plugins: [react(), cspMetaTag(), wasmThreadsPlugin()],
  server: { headers: headers(true), port: 5173 },
  preview: { headers: headers(false), port: 4173 },
  build: { target: 'es2022', chunkSizeWarningLimit: 4096 },
  // Workers are bundled on their own and get only the plugins listed here.
  worker: { format: 'es', plugins: () => [wasmThreadsPlugin()] },
});
