import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    environment: 'node',
    // Real mediasoup workers and SQLite files: two files at a time fit the 2-core machines.
    maxWorkers: 2,
    // Integration tests start real servers and workers; 2 shared cores can be slow.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
