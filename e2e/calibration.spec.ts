import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, test, type BrowserContext } from '@playwright/test';
import { AppPage } from './app-page';
import { BASE_ARGS, chromiumExecutable, fakeCameraArgs, FAKE_VIDEOS } from './browser';

/**
 * Chromium fakes one webcam clip per launch, so each expression is captured in its own
 * launch of the same browser profile: the samples persist in IndexedDB in between.
 */
const profile = mkdtempSync(join(tmpdir(), 'calibration-profile-'));

async function launch(clip: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(profile, { executablePath: chromiumExecutable(),
    args: [...BASE_ARGS, ...fakeCameraArgs(clip)] });
}

async function capture(context: BrowserContext, baseURL: string, expression: string) {
  const page = context.pages()[0] ?? await context.newPage();
  const app = new AppPage(page);
  await app.open('wasm', baseURL);
  await page.getByTestId('calibrate-tab').click();
  await page.getByTestId('start-wizard').click();
  const current = page.getByTestId('wizard-expression');
  while ((await current.innerText()) !== expression) {
    await page.getByRole('button', { name: /^Skip / }).click();
  }
  await expect(page.getByTestId('wizard-saved')).toBeVisible({ timeout: 90_000 });
  await page.getByRole('button', { name: 'Stop calibrating' }).click();
  return page;
}

test('calibrating on two faces gives a personal model that tells them apart',
  async ({ baseURL }) => {
    test.setTimeout(300_000);
    const first = await launch(FAKE_VIDEOS.face);
    await capture(first, baseURL!, 'Happy');
    await first.close();

    const second = await launch(FAKE_VIDEOS.otherFace);
    const page = await capture(second, baseURL!, 'Sad');
    await expect(page.getByTestId('samples-Happy').getByTestId('sample-count')).toHaveText('30');
    await expect(page.getByTestId('samples-Sad').getByTestId('sample-count')).toHaveText('30');

    await page.getByTestId('train').click();
    const evaluation = page.getByTestId('evaluation');
    await expect(evaluation).toBeVisible({ timeout: 180_000 });
    // The latest 6 captures of each face were held out; the personal model gets them all.
    await expect(evaluation.getByTestId('confusion').nth(1)).toContainText('100% of 12');
    await page.getByTestId('accept-model').click();
    // Accepting stores the model and makes it active; the evaluation closes when done.
    await expect(evaluation).toBeHidden({ timeout: 60_000 });

    // After a reload, the personal model is active in the live view.
    await page.reload();
    await page.getByTestId('backend-in-use').waitFor();
    await expect(page.getByTestId('display-picker')).toBeEnabled();
    await page.getByTestId('start-camera').click();
    await expect(page.getByTestId('top-expression').first()).toHaveText('Sad');
    await second.close();
  });
