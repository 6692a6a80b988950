import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { expect, test } from '@playwright/test';
import { AppPage, CLASS_NAME_PATTERN } from './app-page';
import { BLANK_PHOTO, FACE_PHOTO } from './browser';

test('classifies the face in a photo, reports a photo without a face and a broken file',
  async ({ page }) => {
    const app = new AppPage(page);
    await app.open();
    await page.getByTestId('photos-tab').click();
    const png = (path: string) => ({ name: basename(path), mimeType: 'image/png',
      buffer: readFileSync(path) });
    await page.getByTestId('image-input').setInputFiles([png(FACE_PHOTO), png(BLANK_PHOTO),
      { name: 'broken.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('not an image') }]);

    const results = page.getByTestId('image-result');
    await expect(results).toHaveCount(3);
    await expect(results.nth(0).getByTestId('top-expression')).toHaveText(CLASS_NAME_PATTERN);
    await expect(results.nth(0).getByTestId('expression')).toHaveCount(1);
    await expect(results.nth(1).getByTestId('no-face')).toBeVisible();
    await expect(results.nth(2).getByRole('alert'))
      .toHaveText(/"broken.jpg" could not be read as an image/);
  });
