// The Vite apps' config: nothing for imagespec; only the strict CSP a careful site sends, and the
// port and sub-path the test chooses.
import { defineConfig } from 'vite';

const headers = { 'Content-Security-Policy': process.env.CSP };

export default defineConfig({
  base: process.env.BASE ?? '/',
  server: { headers },
  preview: { headers },
});
