import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The production build is served by the gateway at / (see gateway's ConsoleStaticConfiguration): hashed
// files under /assets are cached for good, index.html never. In `npm run dev` the API and /ws are proxied
// to a gateway on :8080 so the same relative URLs work.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    sourcemap: false,
    chunkSizeWarningLimit: 700,
  },
  server: {
    proxy: {
      '/api': 'http://localhost:8080',
      '/auth': 'http://localhost:8080',
      '/health': 'http://localhost:8080',
      '/ws': { target: 'ws://localhost:8080', ws: true },
    },
  },
  test: {
    environment: 'jsdom',
    globals: true,
    setupFiles: ['./src/test/setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    // two shared cores: one worker is enough for a few component tests
    pool: 'threads',
    poolOptions: { threads: { singleThread: true } },
    // a bound on a hung test, not a speed check: Vitest's 5 s default was overrun by a page test at load 20
    testTimeout: 30_000,
  },
});
