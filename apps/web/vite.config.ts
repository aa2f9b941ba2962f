import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The API the dev server forwards /api to (npm run dev starts it on 3000 by default).
const apiTarget = `http://127.0.0.1:${process.env.API_PORT ?? 3000}`;

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      "/api": { target: apiTarget, changeOrigin: false },
    },
  },
  preview: {
    port: 4173,
    proxy: {
      "/api": { target: apiTarget, changeOrigin: false },
    },
  },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // The server's CSP forbids inline scripts: never inline the module preload polyfill.
    modulePreload: { polyfill: false },
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // React and the router change less often than the app: their own long-cached chunk.
            {
              name: "react",
              test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/,
              priority: 20,
            },
            // Form handling and validation are only needed by the pages that hold forms.
            {
              name: "forms",
              test: /node_modules[\\/](react-hook-form|@hookform|zod)[\\/]/,
              priority: 10,
            },
          ],
        },
      },
    },
  },
});
