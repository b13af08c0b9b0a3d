import path from "node:path";
import { defineConfig } from "vitest/config";
import { ephemeralSecrets } from "./scripts/lib/local-secrets.mjs";

const { JOIN_TOKEN_PRIVATE_KEY } = ephemeralSecrets();

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname, "web") } },
  test: {
    include: ["server/**/*.test.ts", "web/**/*.test.ts", "scripts/**/*.test.ts", "test/**/*.test.ts"],
    exclude: ["**/node_modules/**", "web/.next/**", "e2e/**"],
    globalSetup: ["test/support/global-postgres.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Each file opens its own in-memory PGlite (~100 MB); two at a time suits a 2-core machine.
    maxWorkers: 2,
    env: {
      NODE_ENV: "test",
      JOIN_TOKEN_PRIVATE_KEY,
      APP_SECRET: "test-app-secret-0123456789abcdef0123456789",
      ID_HASH_KEY: "test-id-hash-key-0123456789abcdef012345678",
      DATABASE_URL: "pglite:memory",
      PORTAL_INTERNAL_SECRET: "test-internal-secret-0123456789abcdef0123",
      MEDIA_PUBLIC_URL: "http://media.test:4443",
      // Nothing listens there: closing a room must work when the media node is unreachable.
      MEDIA_INTERNAL_URL: "http://127.0.0.1:9",
      // Tests play a reverse proxy at 10.x; every other address is a client on its own.
      TRUSTED_PROXIES: "10.0.0.0/8",
    },
  },
});
