/**
 * `npm run bench:personalise -- --manifest <manifest.csv>`: personalises the built app for
 * each subject of a labelled photo set and measures what it gains. Per subject, the photos
 * with `pose_index` 1 are imported as that person's calibration (through the app's own
 * import, face detection and crop), the head is fine-tuned with the default settings, and
 * the general and the personal model classify the subject's other photos in the Photos tab.
 *
 * The manifest has the columns `file` (relative to the manifest), `subject`, `fer_label`
 * and `pose_index`. It builds the app first (`prebench:*`); writes runs/bench-personalise.json.
 * Photos are staged in a temporary folder (deleted afterwards), never in the project.
 */
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { preview } from 'vite';
import { BASE_ARGS, chromiumExecutable } from '../e2e/browser';
import { CLASS_NAMES } from '../src/model/architecture';
import { parseCli } from '../src/node/cli-args';

const args = parseCli({
  manifest: { type: 'string' },
  backend: { type: 'string', default: 'wasm' },
}, 'Usage: npm run bench:personalise -- --manifest <manifest.csv> [--backend wasm]');

interface SubjectResult {
  subject: string;
  calibrationPhotos: number;
  testPhotos: number;
  facesFound: number;
  general: number;
  personal: number;
  trainingSeconds: number;
}

interface Photo {
  path: string;
  subject: string;
  label: number;
  pose: number;
}

async function readManifest(path: string): Promise<Photo[]> {
  const [header, ...rows] = (await readFile(path, 'utf8')).trim().split(/\r?\n/);
  const columns = header.split(',').map((c) => c.trim());
  const col = (name: string) => {
    const i = columns.indexOf(name);
    if (i < 0) throw new Error(`${path}: expected a column "${name}" in "${header}".`);
    return i;
  };
  const [file, subject, label, pose] = ['file', 'subject', 'fer_label', 'pose_index'].map(col);
  return rows.map((row, n) => {
    const f = row.split(',');
    const photo = { path: resolve(dirname(path), f[file]), subject: f[subject],
      label: Number(f[label]), pose: Number(f[pose]) };
    if (!(photo.label >= 0 && photo.label < CLASS_NAMES.length) || !photo.pose) {
      throw new Error(`${path} line ${n + 2}: fer_label must be 0-6 and pose_index a number.`);
    }
    return photo;
  });
}

/** Top expression per photo for the personal and the general model, in upload order. */
async function classifyPhotos(page: Page, photos: Photo[]) {
  await page.getByTestId('photos-tab').click();
  await page.getByTestId('image-input').setInputFiles(photos.map((p) => p.path));
  const results = page.getByTestId('image-result');
  await results.nth(photos.length - 1).waitFor({ timeout: 300_000 });
  return Promise.all(photos.map(async (_, i) => {
    const card = results.nth(i);
    const top = async (model: string) => {
      const figure = card.locator(`[data-testid="expression"][data-model="${model}"]`);
      return (await figure.count()) ? figure.first().getByTestId('top-expression').innerText()
        : null;
    };
    return { personal: await top('personal'), general: await top('general') };
  }));
}

async function personalise(page: Page, folder: string): Promise<number> {
  await page.getByTestId('calibrate-tab').click();
  const deleteAll = page.getByRole('button', { name: 'Delete all samples' });
  if (await deleteAll.count()) await deleteAll.click();
  await page.getByTestId('import-folder').setInputFiles(folder);
  await page.getByTestId('imported').waitFor({ timeout: 300_000 });
  await page.getByTestId('train').click();
  await page.getByTestId('evaluation').waitFor({ timeout: 600_000 });
  const seconds = Number(await page.getByTestId('training-seconds').innerText());
  await page.getByTestId('accept-model').click();
  await page.getByTestId('evaluation').waitFor({ state: 'detached' });
  return seconds;
}

async function main(): Promise<void> {
  if (!args.manifest) throw new Error('--manifest is required.');
  const photos = await readManifest(args.manifest);
  const subjects = [...new Set(photos.map((p) => p.subject))];
  const staging = await mkdtemp(join(tmpdir(), 'bench-personalise-'));
  const server = await preview({ preview: { port: 4175, strictPort: true, host: '127.0.0.1' },
    logLevel: 'warn' });
  const browser = await chromium.launch({ executablePath: chromiumExecutable(),
    args: BASE_ARGS });
  const results: SubjectResult[] = [];
  try {
    const page = await browser.newPage();
    page.on('dialog', (d) => void d.accept());
    await page.addInitScript((b) => localStorage.setItem('personal-fer.backend', b),
      args.backend);
    await page.goto('http://127.0.0.1:4175/');
    const backend = await page.getByTestId('backend-in-use').innerText();
    for (const subject of subjects) {
      const mine = photos.filter((p) => p.subject === subject);
      const calibration = mine.filter((p) => p.pose === 1);
      const test = mine.filter((p) => p.pose !== 1);
      const folder = join(staging, subject);
      for (const p of calibration) {
        const target = join(folder, CLASS_NAMES[p.label].toLowerCase(), basename(p.path));
        await mkdir(dirname(target), { recursive: true });
        await cp(p.path, target);
      }
      const seconds = await personalise(page, folder);
      const predicted = await classifyPhotos(page, test);
      const accuracy = (model: 'personal' | 'general') => predicted.filter((r, i) =>
        r[model] === CLASS_NAMES[test[i].label]).length / test.length;
      const r: SubjectResult = { subject, calibrationPhotos: calibration.length,
        testPhotos: test.length,
        facesFound: predicted.filter((x) => x.general !== null).length,
        general: accuracy('general'), personal: accuracy('personal'),
        trainingSeconds: seconds };
      results.push(r);
      console.log(`${subject}: general ${(100 * r.general).toFixed(1)}%, personal ` +
        `${(100 * r.personal).toFixed(1)}% on ${r.testPhotos} photos (${r.facesFound} faces ` +
        `found); calibrated on ${r.calibrationPhotos} photos, trained in ${seconds} s`);
    }
    const mean = (k: 'general' | 'personal' | 'trainingSeconds') =>
      results.reduce((a, r) => a + r[k], 0) / results.length;
    console.log(`mean: general ${(100 * mean('general')).toFixed(1)}%, personal ` +
      `${(100 * mean('personal')).toFixed(1)}%, gain ` +
      `${(100 * (mean('personal') - mean('general'))).toFixed(1)} points; training ` +
      `${mean('trainingSeconds').toFixed(1)} s on ${backend.replace('in use: ', '')}`);
    await mkdir('runs', { recursive: true });
    await writeFile('runs/bench-personalise.json', JSON.stringify({
      date: new Date().toISOString(), manifest: args.manifest, backend, results,
      mean: { general: mean('general'), personal: mean('personal'),
        trainingSeconds: mean('trainingSeconds') } }, null, 2));
  } finally {
    await browser.close();
    await server.close();
    await rm(staging, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
