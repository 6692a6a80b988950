import { expect, test } from '@playwright/test';
import { AppPage, CLASS_NAME_PATTERN } from './app-page';
import { BASE_ARGS, chromiumExecutable, fakeCameraArgs, FAKE_VIDEOS } from './browser';

test.use({ launchOptions: { executablePath: chromiumExecutable(),
  args: [...BASE_ARGS, ...fakeCameraArgs(FAKE_VIDEOS.face)] } });

test('boxes the face and shows its expression, without leaking tensors', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  // The page is cross-origin isolated, so WASM runs one thread per core (up to 8).
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  const threads = Math.min(8, cores);
  await expect(page.getByTestId('backend-detail'))
    .toHaveText(`(${threads} thread${threads === 1 ? '' : 's'})`);
  await app.startCamera();
  await expect(page.getByTestId('top-expression').first()).toHaveText(CLASS_NAME_PATTERN);
  await expect(page.getByTestId('expression').first().getByRole('meter')).toHaveCount(7);
  await expect(page.getByTestId('stats')).toContainText('Frames/s');
  await expect(page.getByTestId('face-message')).toHaveCount(0);

  // The overlay canvas has the video's size and something drawn on it.
  const drawn = await page.getByTestId('overlay').evaluate((c: HTMLCanvasElement) => {
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let painted = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) painted++;
    return { width: c.width, height: c.height, painted };
  });
  expect(drawn).toMatchObject({ width: 640, height: 480 });
  expect(drawn.painted).toBeGreaterThan(1000);

  const faces = await page.evaluate(() => window.__ferDiagnostics!.faceCounts.slice(-5));
  expect(faces.every((n) => n === 1)).toBe(true);

  await app.waitForFrames(10);
  const before = await app.tensorCount();
  const start = await app.framesAnalysed();
  await app.waitForFrames(start + 20);
  expect(await app.tensorCount()).toBe(before);
});
