import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['shared/**/*.test.ts', 'server/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    globalSetup: ['test/globalSetup.ts'],
    // Browser tests and servers share 2 cores: keep parallelism modest.
    maxWorkers: 2,
    // The memory test forces garbage collection to measure the heap.
    execArgv: ['--expose-gc'],
    // expect.poll waits up to 1 s by default: too short for a page's first render on a busy machine.
    expect: { poll: { timeout: 10_000 } },
  },
});
