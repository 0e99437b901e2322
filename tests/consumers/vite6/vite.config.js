// The Vite 6 app's config: the strict CSP, and the one setting Vite 5 to 7 want for an app with
// its own worker module. Their dependency optimizer finds `imagespec/worker` only when the worker
// first starts, re-bundles, and reloads the page whenever a dependency it had bundled has imports
// (imagespec's lazily loaded tus client is one; most apps have others): listing it here bundles
// it at start-up. Vite 8 needs nothing (see ../vite8).
import { defineConfig } from 'vite';

const headers = { 'Content-Security-Policy': process.env.CSP };

export default defineConfig({
  base: process.env.BASE ?? '/',
  server: { headers },
  preview: { headers },
  optimizeDeps: { include: ['imagespec/worker'] },
});
