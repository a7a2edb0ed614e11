import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';

// The server serves <package root>/dist/web; `npm run dev:web` proxies /api to a running `callkpi serve`.
const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

export default defineConfig({
  root: here('.'),
  base: '/',
  plugins: [preact()],
  build: {
    outDir: here('../dist/web'),
    emptyOutDir: true,
    target: 'es2022',
    // ECharts (with zrender) is most of the weight and changes only with its pin: a chunk of its own
    // stays cached across dashboard releases.
    chunkSizeWarningLimit: 700,
    rollupOptions: {
      output: {
        manualChunks: (id: string) => (/node_modules\/(echarts|zrender)\//.test(id) ? 'echarts' : undefined),
      },
    },
  },
  server: {
    proxy: { '/api': `http://127.0.0.1:${process.env.CALLKPI_PORT ?? '8080'}` },
  },
});
