/**
 * Proves the generated face model works in MediaPipe Tasks: serves the repository on
 * 127.0.0.1, opens e2e/pages/face-detector.html in headless Chromium and detects the face
 * in e2e/fixtures/astronaut.png. Any request leaving 127.0.0.1 is blocked and reported.
 *
 *   npm run prepare:assets && npx tsx scripts/check-face-model.ts
 *
 * Needs a system Chromium (Debian: `apt-get install chromium`); set CHROMIUM_PATH to use
 * another binary. Exits non-zero when no face is found where the fixture has one.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startStaticServer } from '../e2e/static-server';
import { FACE_MODEL_OUTPUT } from '../src/face/face-detector-model';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--headless=new', '--no-sandbox', '--disable-background-networking',
  '--disable-component-update', '--no-first-run'];
/** Where the fixture's face is, in pixels; the detection's box centre must fall inside. */
const EXPECTED_FACE = { xMin: 170, xMax: 300, yMin: 30, yMax: 200 };

interface PlainDetection {
  score: number;
  box?: { x: number; y: number; width: number; height: number };
  keypoints: { x: number; y: number }[];
}
interface PageResult {
  image: { width: number; height: number };
  detections: PlainDetection[];
  msPerFrame?: number;
  cspViolations: string[];
}

class CheckError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CheckError';
  }
}

function requireFile(relativePath: string, hint: string): void {
  if (!existsSync(join(ROOT, relativePath))) {
    throw new CheckError(`${relativePath} not found. ${hint}`);
  }
}

/** Lets page requests reach only our server; everything else is aborted and recorded. */
async function blockExternalRequests(page: Page, origin: string): Promise<string[]> {
  const blocked: string[] = [];
  await page.context().route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(`${origin}/`)) return route.continue();
    blocked.push(`${route.request().method()} ${url}`);
    return route.abort('blockedbyclient');
  });
  return blocked;
}

async function runInPage(page: Page, origin: string): Promise<PageResult> {
  await page.goto(`${origin}/e2e/pages/face-detector.html`);
  await page.waitForFunction(() => 'faceDetectorPageReady' in window);
  const options = {
    imageUrl: '/e2e/fixtures/astronaut.png',
    modelUrl: `/${FACE_MODEL_OUTPUT}`,
    wasmUrl: `${origin}/public/wasm/mediapipe`,
    repeat: 20,
  };
  const result = await page.evaluate(
    (o) => (window as unknown as { detectFaces(o: object): Promise<PageResult> }).detectFaces(o),
    options);
  // close() flushes MediaPipe's usage log asynchronously; give it a moment to show up.
  await page.waitForTimeout(1000);
  result.cspViolations = await page.evaluate(
    () => [...(window as unknown as { cspViolations: string[] }).cspViolations]);
  return result;
}

function describe(d: PlainDetection): string {
  const box = d.box;
  const boxText = box === undefined ? 'no box'
    : `box x=${box.x} y=${box.y} w=${box.width} h=${box.height}`;
  return `score=${d.score.toFixed(3)} ${boxText} keypoints=${d.keypoints.length}`;
}

function faceWhereExpected(d: PlainDetection): boolean {
  if (d.box === undefined) return false;
  const cx = d.box.x + d.box.width / 2;
  const cy = d.box.y + d.box.height / 2;
  const e = EXPECTED_FACE;
  return cx >= e.xMin && cx <= e.xMax && cy >= e.yMin && cy <= e.yMax;
}

async function main(): Promise<void> {
  requireFile(FACE_MODEL_OUTPUT, 'Run `npm run prepare:assets` first.');
  requireFile('public/wasm/mediapipe/vision_wasm_internal.wasm',
    'Run `npm run prepare:assets` first.');
  if (!existsSync(CHROMIUM)) {
    throw new CheckError(`Chromium not found at ${CHROMIUM}; install it ` +
      '(`apt-get install chromium`) or set CHROMIUM_PATH.');
  }
  const server = await startStaticServer(ROOT);
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const page = await browser.newPage();
    const pageErrors: string[] = [];
    page.on('console', (m) => { if (m.type() === 'error') pageErrors.push(m.text()); });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    const blocked = await blockExternalRequests(page, server.origin);
    const result = await runInPage(page, server.origin);
    report(result, blocked, pageErrors);
    if (!result.detections.some(faceWhereExpected)) {
      throw new CheckError('no face detected where astronaut.png has one ' +
        `(box centre within x ${EXPECTED_FACE.xMin}-${EXPECTED_FACE.xMax}, ` +
        `y ${EXPECTED_FACE.yMin}-${EXPECTED_FACE.yMax}).`);
    }
  } finally {
    await browser?.close();
    await server.close();
  }
}

function report(result: PageResult, blocked: string[], pageErrors: string[]): void {
  console.log(`image ${result.image.width}x${result.image.height}, ` +
    `${result.detections.length} detection(s)`);
  result.detections.forEach((d, i) => console.log(`  [${i}] ${describe(d)}`));
  if (result.msPerFrame !== undefined) {
    console.log(`detect(): ${result.msPerFrame.toFixed(1)} ms per frame (CPU delegate)`);
  }
  console.log(`blocked non-local requests: ${blocked.length ? blocked.join(', ') : 'none'}`);
  console.log(`CSP violations: ${result.cspViolations.length
    ? result.cspViolations.join(', ') : 'none'}`);
  // MediaPipe prints its INFO logs through console.error, so these are not all failures.
  if (pageErrors.length) console.log(`browser console errors:\n  ${pageErrors.join('\n  ')}`);
}

try {
  await main();
  console.log('OK: MediaPipe FaceDetector accepted the model and found the face.');
} catch (error) {
  console.error(error instanceof CheckError ? `${error.name}: ${error.message}` : error);
  process.exitCode = 1;
}
