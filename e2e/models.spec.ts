import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { expect, test } from '@playwright/test';
import { AppPage } from './app-page';

/** The shipped general model, packaged as a personal model would be. */
function generalModelZip(): Buffer {
  const dir = join(import.meta.dirname, '..', 'public', 'models', 'general');
  const files = Object.fromEntries(readdirSync(dir).filter((f) => f !== 'card.json')
    .map((f) => [f, new Uint8Array(readFileSync(join(dir, f)))]));
  return Buffer.from(zipSync(files, { level: 0 }));
}

test('imports, activates, exports and re-imports a model; a corrupt file changes nothing',
  async ({ page }) => {
    const app = new AppPage(page);
    await app.open();
    await page.getByTestId('models-tab').click();
    const input = page.getByTestId('import-model');
    const models = page.getByTestId('model');

    await input.setInputFiles({ name: 'general.zip', mimeType: 'application/zip',
      buffer: generalModelZip() });
    await expect(page.getByTestId('models-message')).toHaveText('Imported "Imported model".');
    await expect(models).toHaveCount(1);
    await models.first().getByRole('button', { name: 'Use', exact: true }).click();
    await expect(models.first()).toContainText('active');

    const download = page.waitForEvent('download');
    await models.first().getByRole('button', { name: 'Export' }).click();
    const file = await (await download).path();
    await input.setInputFiles({ name: 'exported.zip', mimeType: 'application/zip',
      buffer: readFileSync(file) });
    await expect(models).toHaveCount(2);

    await input.setInputFiles({ name: 'broken.zip', mimeType: 'application/zip',
      buffer: Buffer.from('garbage') });
    await expect(page.getByRole('alert')).toContainText('not a readable zip archive');
    await expect(models).toHaveCount(2);
  });
