// Vite builds the renderer (renderer/ -> dist/renderer) for both the Electron window (file://,
// hence base './') and browser mode (served by the core's HTTP API).
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import type { Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The renderer's CSP. Only the app's own files; fetch/EventSource only to its own origin
 * (browser mode's JSON API). No inline script or style, no eval, no frames, no plugins.
 */
export const rendererCsp = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
].join('; ');

/**
 * Adds the CSP meta tag to the built index.html only: the dev server needs React refresh's
 * inline preamble, and Electron's main process sends a dev CSP header instead (security.ts).
 */
function cspMetaTag(): Plugin {
  return {
    name: 'deskacs-csp-meta',
    apply: 'build',
    transformIndexHtml: () => [
      { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: rendererCsp }, injectTo: 'head-prepend' },
    ],
  };
}

export default defineConfig({
  root: `${root}renderer`,
  base: './',
  plugins: [react(), cspMetaTag()],
  build: {
    outDir: `${root}dist/renderer`,
    emptyOutDir: true,
    sourcemap: false,
    // Inline assets would need data: in more CSP directives; emit files instead.
    assetsInlineLimit: 0,
    rolldownOptions: {
      input: `${root}renderer/index.html`,
    },
  },
  server: { strictPort: true, port: 5173, host: '127.0.0.1' },
});
