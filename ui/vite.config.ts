import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// Built into ui/dist, which the server serves at "/". `npm run dev:ui` proxies the API to a
// server on :5000 so the UI can be developed with hot reload.
export default defineConfig({
  root: import.meta.dirname,
  base: "./",
  plugins: [react()],
  build: { outDir: "dist", emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  server: {
    proxy: {
      "/ajax-api": "http://127.0.0.1:5000",
      "/api": "http://127.0.0.1:5000",
    },
  },
});
