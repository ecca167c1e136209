import { defineConfig } from 'vite';

/**
 * Built into dist/, which the server serves at /dashboard (packages/server/src/dashboard.ts): every
 * script, style and font comes from the package itself, so the page works with no internet.
 */
export default defineConfig({
  base: '/dashboard/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // ECharts and ExcelJS are large by nature; ExcelJS loads only when a report is exported.
    chunkSizeWarningLimit: 1500,
  },
  server: { proxy: { '/graphql': 'http://127.0.0.1:4000' } },
});
