/**
 * `npm run bench:live [-- --frames 200 --backends wasm,webgpu]`: runs the built app in
 * headless Chromium on a fake webcam (the astronaut photo, 640x480) and prints the median
 * detect, crop, classify and total milliseconds per frame for each backend, and the tensor
 * count before and after. It builds the app first (`prebench:*`); writes runs/bench-live.json.
 * `--cores N` makes the page see N logical cores, i.e. N WASM threads (default: the real ones).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { chromium } from 'playwright-core';
import { preview } from 'vite';
import { BASE_ARGS, chromiumExecutable, fakeCameraArgs, FAKE_VIDEOS } from '../e2e/browser';
import globalSetup from '../e2e/global-setup';
import { parseCli, positiveNumber } from '../src/node/cli-args';
import type { StageTimings } from '../src/live/frame-analyzer';

const args = parseCli({
  frames: { type: 'string', default: '200' },
  backends: { type: 'string', default: 'wasm,webgpu' },
  cores: { type: 'string' },
}, 'Usage: npm run bench:live -- [--frames 200] [--backends wasm,webgpu,webgl,cpu] [--cores N]');

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

async function benchBackend(url: string, backend: string, frames: number, cores?: number) {
  const browser = await chromium.launch({ executablePath: chromiumExecutable(),
    args: [...BASE_ARGS, ...fakeCameraArgs(FAKE_VIDEOS.face)] });
  try {
    const page = await browser.newPage();
    let downloadedBytes = 0;
    page.on('response', (response) => {
      void response.body().then((b) => (downloadedBytes += b.length)).catch(() => undefined);
    });
    await page.addInitScript((b) => localStorage.setItem('personal-fer.backend', b), backend);
    if (cores) {
      await page.addInitScript((n) => Object.defineProperty(navigator, 'hardwareConcurrency',
        { value: n, configurable: true }), cores);
    }
    await page.goto(url);
    await page.getByTestId('backend-in-use').waitFor({ timeout: 120_000 });
    const inUse = await page.getByTestId('backend-in-use').innerText();
    const detail = await page.getByTestId('backend-detail').innerText().catch(() => '');
    const firstLoadBytes = downloadedBytes;
    await page.getByTestId('start-camera').click();
    await page.waitForFunction(() => (window.__ferDiagnostics?.frames.length ?? 0) >= 5,
      undefined, { timeout: 300_000 });
    const tensorsBefore = await page.evaluate(() => window.__ferDiagnostics!.tensorCount());
    const skip = await page.evaluate(() => window.__ferDiagnostics!.frames.length);
    const started = Date.now();
    await page.waitForFunction((n) => window.__ferDiagnostics!.frames.length >= n,
      skip + frames, { timeout: 3_600_000, polling: 500 });
    const seconds = (Date.now() - started) / 1000;
    const { timings, faces, tensorsAfter } = await page.evaluate((from) => {
      const d = window.__ferDiagnostics!;
      return { timings: d.frames.slice(from), faces: d.faceCounts.slice(from),
        tensorsAfter: d.tensorCount() };
    }, skip);
    const stage = (key: keyof StageTimings) => median(timings.map((t) => t[key]));
    return { backend: `${inUse.replace('in use: ', '')}${detail}`, frames: timings.length,
      framesPerSecond: timings.length / seconds,
      framesWithOneFace: faces.filter((n) => n === 1).length,
      medianMs: { detect: stage('detectMs'), crop: stage('cropMs'),
        classify: stage('classifyMs'), total: stage('totalMs') },
      tensorsBefore, tensorsAfter, firstLoadBytes };
  } finally {
    await browser.close();
  }
}

async function main(): Promise<void> {
  const frames = positiveNumber(args.frames, '--frames');
  const cores = args.cores ? positiveNumber(args.cores, '--cores') : undefined;
  if (frames < 200) console.warn('Fewer than 200 frames: medians will be noisy.');
  globalSetup();
  const server = await preview({ preview: { port: 4174, strictPort: true, host: '127.0.0.1' },
    logLevel: 'warn' });
  const url = 'http://127.0.0.1:4174/';
  const results = [];
  try {
    for (const backend of args.backends.split(',')) {
      const r = await benchBackend(url, backend, frames, cores);
      results.push(r);
      const m = r.medianMs;
      console.log(`${r.backend.padEnd(19)} ${r.frames} frames (${r.framesWithOneFace} with ` +
        `the face), median ms: detect ${m.detect.toFixed(1)}, crop ${m.crop.toFixed(2)}, ` +
        `classify ${m.classify.toFixed(1)}, total ${m.total.toFixed(1)}; ` +
        `${r.framesPerSecond.toFixed(1)} frames/s; tensors ${r.tensorsBefore} -> ` +
        `${r.tensorsAfter}; first load ${(r.firstLoadBytes / 1e6).toFixed(1)} MB`);
    }
  } finally {
    await server.close();
  }
  await mkdir('runs', { recursive: true });
  await writeFile('runs/bench-live.json', JSON.stringify({ date: new Date().toISOString(),
    results }, null, 2));
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
