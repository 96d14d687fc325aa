import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// In development Vite serves the dashboard and proxies the API and socket.io to the server (PORT, default 3000).
const api = `http://127.0.0.1:${process.env.MW_API_PORT ?? '3000'}`;

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: {
      '/api': api,
      '/socket.io': { target: api, ws: true },
    },
  },
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
});
