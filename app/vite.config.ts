import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";
import contentStorePlugin from "./content-store-plugin.ts";
import cspPlugin from "./csp-plugin.ts";
import prefetchFirstPlugin from "./prefetch-first-plugin.ts";

const port = Number(process.env.HYPHAE_APP_PORT ?? 5173);

// The app is built into app/dist and served on 127.0.0.1 only. Settings reach the browser through
// HYPHAE_PUBLIC_* variables (see src/config/env.ts); nothing else from the environment is bundled.
export default defineConfig({
  root: import.meta.dirname,
  envPrefix: "HYPHAE_PUBLIC_",
  plugins: [react(), contentStorePlugin(), prefetchFirstPlugin(), cspPlugin()],
  server: { host: "127.0.0.1", port, strictPort: true },
  preview: { host: "127.0.0.1", port, strictPort: true },
  build: { outDir: "dist", emptyOutDir: true, target: "es2022", chunkSizeWarningLimit: 1_500 },
});
