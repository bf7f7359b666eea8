/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// `npm run dev` proxies the API to a backend on port 8000 (override with GT_API_URL).
const api = process.env.GT_API_URL ?? 'http://127.0.0.1:8000';
const proxy = {
  '/api': { target: api, changeOrigin: false },
  '/healthz': { target: api },
  '/readyz': { target: api },
};

export default defineConfig({
  plugins: [react()],
  server: { port: 5173, strictPort: false, proxy },
  preview: { port: 4173, proxy },
  css: {
    preprocessorOptions: {
      scss: {
        quietDeps: true,
        // govuk-frontend 5 is written with @import; Dart Sass warns about it.
        silenceDeprecations: ['import', 'global-builtin', 'mixed-decls', 'color-functions', 'slash-div'],
      },
    },
  },
  build: {
    target: 'es2022',
    sourcemap: false,
    assetsInlineLimit: 0,
  },
  test: {
    environment: 'jsdom',
    globals: false,
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
    pool: 'threads',
    maxWorkers: 2,
    testTimeout: 20_000,
  },
});
