import { expect, test } from '@playwright/test';
import { AppPage } from './app-page';
import { BASE_ARGS, chromiumExecutable, fakeCameraArgs, FAKE_VIDEOS } from './browser';

test.use({ launchOptions: { executablePath: chromiumExecutable(),
  args: [...BASE_ARGS, ...fakeCameraArgs(FAKE_VIDEOS.noFace)] } });

test('says that no face is seen', async ({ page }) => {
  const app = new AppPage(page);
  await app.open();
  await app.startCamera();
  await expect(page.getByTestId('face-message')).toHaveText(/No face in view/);
  await expect(page.getByTestId('top-expression')).toHaveCount(0);
});
