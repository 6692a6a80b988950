import { expect, test } from '@playwright/test';
import { makeFerCsv } from '../tests/helpers/fer-csv-fixture';
import { AppPage } from './app-page';

test('pretrains in the browser with a checkpoint per epoch, resumes, and can become the ' +
  'general model', async ({ page }) => {
  test.setTimeout(240_000);
  const app = new AppPage(page);
  await app.open();
  await page.getByTestId('experiment-tab').click();
  await page.getByTestId('fer-file').setInputFiles({ name: 'tiny.csv', mimeType: 'text/csv',
    buffer: Buffer.from(makeFerCsv({ perClass: { Training: 10, PublicTest: 2 } })) });
  await expect(page.getByTestId('fer-summary')).toContainText('Training 70');

  const section = page.getByRole('region', { name: 'Pretrain' });
  const epochs = section.getByRole('spinbutton', { name: 'Epochs' });
  const status = page.getByTestId('pretrain-status');
  await epochs.fill('1');
  await page.getByTestId('pretrain-start').click();
  await expect(status).toContainText('Finished', { timeout: 120_000 });
  await expect(page.getByTestId('pretrain-history').locator('tbody tr')).toHaveCount(1);

  // Resuming continues from the stored checkpoint: epoch 2 follows epoch 1, and the table
  // shows the whole run, not only the resumed session.
  await epochs.fill('2');
  await section.getByRole('button', { name: 'Resume' }).click();
  await expect(status).toContainText('Finished', { timeout: 120_000 });
  const rows = page.getByTestId('pretrain-history').locator('tbody tr');
  await expect(rows).toHaveCount(2);
  await expect(rows.last().locator('td').first()).toHaveText('2');

  await page.getByTestId('use-as-general').click();
  await expect(page.getByTestId('backend-in-use')).toBeVisible();
  await page.getByTestId('models-tab').click();
  await expect(page.getByTestId('model')).toContainText('pretrained in this browser');
});
