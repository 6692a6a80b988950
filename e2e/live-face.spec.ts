import { expect, test } from '@playwright/test';
import { intersectionOverUnion, type Rect } from '../src/face/geometry';
import { AppPage, CLASS_NAME_PATTERN } from './app-page';
import { BASE_ARGS, chromiumExecutable, fakeCameraArgs, FAKE_VIDEOS } from './browser';

/**
 * Where a rectangle of the 512x512 astronaut photo appears in the mirrored 640x480 preview.
 * global-setup scales the photo to 480x480 (`scale=480:480`) and pads it 80 px on the left
 * (`pad=640:480:80:0`); the preview then flips it left to right. Worked out here on its own,
 * not with the app's `mirrorRect`, so that a wrong mirror in the app fails this test.
 */
function photoToMirroredPreview(r: Rect): Rect {
  const scale = 480 / 512;
  const padLeftPx = 80;
  const previewWidthPx = 640;
  const x = padLeftPx + r.x * scale;
  const width = r.width * scale;
  return { x: previewWidthPx - x - width, y: r.y * scale, width, height: r.height * scale };
}

/**
 * The astronaut's face in the photo, hairline to chin and cheek to cheek (found by eye):
 * in the preview about x 299-400, y 65-170. Her hair reaches out to about x 279-401,
 * y 28-188, which a detector's brow-to-chin box would match with an IoU of only ~0.4.
 */
const ASTRONAUT_FACE = photoToMirroredPreview({ x: 171, y: 69, width: 107, height: 112 });
const MIN_BOX_OVERLAP = 0.3;

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

  // The box is drawn on her face in the mirrored preview, not merely somewhere.
  const boxes = await page.evaluate(() => window.__ferDiagnostics!.lastBoxes);
  expect(boxes).toHaveLength(1);
  expect(intersectionOverUnion(boxes[0], ASTRONAUT_FACE)).toBeGreaterThan(MIN_BOX_OVERLAP);

  await app.waitForFrames(10);
  const before = await app.tensorCount();
  const start = await app.framesAnalysed();
  await app.waitForFrames(start + 20);
  expect(await app.tensorCount()).toBe(before);
});
