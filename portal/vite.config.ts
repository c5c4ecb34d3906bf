/// <reference types="vitest/config" />
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// The build is committed (dist/) and embedded in the Go binary, so it must be
// the same on every machine: no source maps, no absolute paths, hashed names.
export default defineConfig({
  plugins: [react()],
  base: "/",
  build: {
    outDir: "dist",
    emptyOutDir: true,
    sourcemap: false,
    target: "es2022",
    chunkSizeWarningLimit: 600,
  },
  server: {
    // `npm run dev` talks to `go run .` on :8080: queries and the websocket.
    proxy: {
      "/graphql": { target: "http://localhost:8080", ws: true, changeOrigin: true },
      "/attachments": { target: "http://localhost:8080", changeOrigin: true },
    },
  },
  test: {
    environment: "happy-dom",
    include: ["src/**/*.test.{ts,tsx}"],
    restoreMocks: true,
  },
});
