import { expect, test } from '@playwright/test';
import { AppPage } from './app-page';
import { BASE_ARGS, chromiumExecutable } from './browser';

test.use({ launchOptions: { executablePath: chromiumExecutable(),
  args: [...BASE_ARGS, '--use-fake-device-for-media-stream', '--deny-permission-prompts'] } });

test('explains how to allow the camera and offers a retry', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.startCamera();
  const error = page.getByTestId('error');
  await expect(error).toHaveAttribute('data-code', 'camera-denied');
  await expect(error).toContainText('Camera access was denied');
  await expect(error.getByRole('button', { name: 'Try again' })).toBeVisible();
});
