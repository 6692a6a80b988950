import { copyFileSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect, test } from '@playwright/test';
import { makeFerCsv } from '../tests/helpers/fer-csv-fixture';
import { AppPage } from './app-page';
import { FACE_PHOTO, OTHER_FACE_PHOTO } from './browser';

/** Two expressions, two photos each, as a calibration folder to import. */
function calibrationFolder(): string {
  const root = mkdtempSync(join(tmpdir(), 'experiment-'));
  for (const [expression, photo] of [['happy', FACE_PHOTO], ['sad', OTHER_FACE_PHOTO]]) {
    mkdirSync(join(root, expression));
    for (const n of [1, 2]) copyFileSync(photo, join(root, expression, `${n}.png`));
  }
  return root;
}

test('the forgetting experiment reads FER-2013 in a worker and plots both curves',
  async ({ page }) => {
    test.setTimeout(240_000);
    const app = new AppPage(page);
    await app.open();
    await page.getByTestId('calibrate-tab').click();
    await page.getByTestId('import-folder').setInputFiles(calibrationFolder());
    await expect(page.getByTestId('imported')).toHaveText('Imported 4 photos.');

    await page.getByTestId('experiment-tab').click();
    const file = page.getByTestId('fer-file');
    await file.setInputFiles({ name: 'bad.csv', mimeType: 'text/csv',
      buffer: Buffer.from('emotion,pixels,Usage\n3,1 2 3,Training\n') });
    await expect(page.getByTestId('fer-error'))
      .toHaveText('bad.csv: Line 2: expected 2304 pixels (48x48), found 3.');

    await file.setInputFiles({ name: 'tiny.csv.gz', mimeType: 'application/gzip',
      buffer: gzipSync(makeFerCsv({ perClass: { Training: 3, PrivateTest: 2 } })) });
    await expect(page.getByTestId('fer-summary'))
      .toHaveText('tiny.csv.gz: Training 21, PublicTest 14, PrivateTest 14.');

    await page.getByTestId('experiment-epochs').fill('2');
    await page.getByTestId('run-experiment').click();
    await expect(page.getByTestId('experiment-done')).toBeVisible({ timeout: 180_000 });
    await expect(page.getByTestId('experiment-charts').locator('polyline')).toHaveCount(4);

    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download CSV' }).click();
    const csv = readFileSync(await (await download).path(), 'utf8').trim().split('\n');
    expect(csv[0]).toBe('mode,epoch,user_accuracy,fer2013_privatetest_accuracy');
    expect(csv.slice(1).map((r) => r.split(',').slice(0, 2).join(','))).toEqual([
      'head-only,0', 'head-only,1', 'head-only,2', 'joint,0', 'joint,1', 'joint,2']);
  });
