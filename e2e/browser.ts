/**
 * Which Chromium the end-to-end tests and benchmarks drive, and how. Playwright's own
 * browser is used when installed; otherwise the system Chromium (Debian: /usr/bin/chromium),
 * or any binary named by CHROMIUM_PATH.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const SYSTEM_CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

export function chromiumExecutable(): string | undefined {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  return SYSTEM_CHROMIUM.find((p) => existsSync(p));
}

/** Flags that keep headless Chromium quiet on a machine without internet or GPU. */
export const BASE_ARGS = ['--headless=new', '--no-sandbox', '--disable-background-networking',
  '--disable-component-update', '--no-first-run', '--enable-unsafe-webgpu',
  '--use-gl=angle', '--use-angle=gl-egl', '--ignore-gpu-blocklist'];

export const GENERATED_DIR = join(import.meta.dirname, '.generated');

/** A fake webcam that plays `y4mFile` in a loop and grants camera permission. */
export function fakeCameraArgs(y4mFile: string): string[] {
  return ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream',
    `--use-file-for-fake-video-capture=${y4mFile}`];
}

export const FAKE_VIDEOS = {
  face: join(GENERATED_DIR, 'astronaut.y4m'),
  otherFace: join(GENERATED_DIR, 'camera.y4m'),
  noFace: join(GENERATED_DIR, 'no-face.y4m'),
};
export const BLANK_PHOTO = join(GENERATED_DIR, 'blank.png');
export const FACE_PHOTO = join(import.meta.dirname, 'fixtures', 'astronaut.png');
export const OTHER_FACE_PHOTO = join(import.meta.dirname, 'fixtures', 'camera.png');
