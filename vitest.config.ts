import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['__tests__/**/*.test.ts'],
    // Finds tmux and Chromium once: tests that need a missing one are skipped, and say so.
    globalSetup: ['__tests__/helpers/global-setup.ts'],
    // Tests spawn real shells and signal real process groups: separate processes keep
    // one file's children and signal handlers away from another's.
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 30_000
  }
})
