// Builds the three Electron targets. main and preload bundle our own code
// (shared/ included) and leave npm dependencies to node_modules; the preload
// is one CommonJS file because sandboxed preloads cannot load modules.
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const alias = { '@shared': fileURLToPath(new URL('./shared', import.meta.url)) };

export default defineConfig({
  main: {
    resolve: { alias },
    build: {
      outDir: 'out/main',
      // The web host rides along: same services, plain Node, no Electron.
      rollupOptions: {
        input: { index: 'electron/main/index.ts', webhost: 'electron/webhost/main.ts' },
      },
    },
  },
  preload: {
    resolve: { alias },
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      rollupOptions: {
        input: { index: 'electron/preload/index.ts' },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    resolve: { alias },
    plugins: [react()],
    build: {
      outDir: 'out/renderer',
      emptyOutDir: true,
      sourcemap: false,
      minify: true,
      chunkSizeWarningLimit: 2000,
      rollupOptions: {
        input: { index: fileURLToPath(new URL('./renderer/index.html', import.meta.url)) },
      },
    },
  },
});
