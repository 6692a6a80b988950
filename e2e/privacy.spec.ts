import { expect, test } from '@playwright/test';
import { AppPage } from './app-page';
import { BASE_ARGS, chromiumExecutable, fakeCameraArgs, FAKE_VIDEOS } from './browser';

test.use({ launchOptions: { executablePath: chromiumExecutable(),
  args: [...BASE_ARGS, ...fakeCameraArgs(FAKE_VIDEOS.face)] } });

test('no request leaves the page origin, and the CSP says so', async ({ page, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const foreign: string[] = [];
  await page.context().route('**/*', (route) => {
    const url = route.request().url();
    if (new URL(url).origin !== origin) {
      foreign.push(`${route.request().method()} ${url}`);
      return route.abort();
    }
    return route.continue();
  });
  const violations: string[] = [];
  await page.exposeFunction('reportViolation', (v: string) => violations.push(v));
  await page.addInitScript(() => document.addEventListener('securitypolicyviolation',
    (e) => (window as unknown as { reportViolation(v: string): void })
      .reportViolation(`${e.violatedDirective} ${e.blockedURI}`)));

  const response = await page.goto('/');
  const csp = response!.headers()['content-security-policy'];
  expect(csp).toContain("connect-src 'self'");
  expect(csp).toContain("default-src 'self'");

  const app = new AppPage(page);
  await app.open();
  await app.startCamera();
  await app.waitForFrames(20);
  // Switching backends closes the face detector, when MediaPipe posts its usage telemetry:
  // the CSP must be what stops it, before it reaches the network.
  await page.getByTestId('backend-picker').selectOption('cpu');
  await expect(page.getByTestId('backend-in-use')).toHaveText('in use: CPU');
  await expect.poll(() => violations.some((v) => v.startsWith('connect-src')),
    { timeout: 15_000 }).toBe(true);
  await page.getByTestId('photos-tab').click();
  expect(foreign).toEqual([]);
  expect(violations.filter((v) => !v.includes('googleapis.com'))).toEqual([]);
});
