/// <reference types="vitest/config" />
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// Served under /console/ by the local stack and by CloudFront in AWS.
export default defineConfig({
  base: "/console/",
  plugins: [react()],
  build: {
    target: "es2022",
    // The budget check (scripts/console-budget.mjs) reads this to sum the inbox's JS.
    manifest: true,
    chunkSizeWarningLimit: 600,
  },
  server: {
    // `npm run dev`: the local stack's admin API and config on the same origin.
    proxy: {
      "/admin": "http://127.0.0.1:8700",
      "/console/config.json": "http://127.0.0.1:8700",
    },
  },
  test: {
    environment: "node",
    include: ["src/**/*.test.ts", "src/**/*.test.tsx"],
  },
});
