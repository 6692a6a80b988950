import { defineConfig } from '@playwright/test';
import { BASE_ARGS, chromiumExecutable } from './e2e/browser';

const PORT = 4173;

export default defineConfig({
  testDir: 'e2e',
  globalSetup: './e2e/global-setup.ts',
  timeout: 120_000,
  expect: { timeout: 60_000 },
  // Two cores: one browser at a time keeps timings and model loads predictable.
  workers: 1,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    browserName: 'chromium',
    launchOptions: { executablePath: chromiumExecutable(), args: BASE_ARGS },
    trace: 'retain-on-failure',
  },
  webServer: {
    // The production build, served with the same headers (CSP, isolation) as in use.
    command: `npx vite build --logLevel warn && npx vite preview --port ${PORT} --strictPort ` +
      '--host 127.0.0.1',
    url: `http://127.0.0.1:${PORT}`,
    timeout: 180_000,
    reuseExistingServer: !process.env.CI,
  },
});
