import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * `npm run dev`: Vite's dev server, proxying the platform's endpoints to the gateway
 * (PCC_GATEWAY_URL, default http://127.0.0.1:4000) so the page and the API share one origin.
 */
const gateway = process.env.PCC_GATEWAY_URL ?? 'http://127.0.0.1:4000';

export default defineConfig({
  plugins: [react()],
  // One React: the repository's root holds another version (the gateway's GraphiQL page).
  resolve: { dedupe: ['react', 'react-dom'] },
  server: {
    port: 3000,
    proxy: { '/graphql': gateway, '/changes': gateway, '/dev/token': gateway },
  },
  build: { outDir: 'dist', sourcemap: true, chunkSizeWarningLimit: 1500 },
});
