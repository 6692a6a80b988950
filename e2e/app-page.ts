/** Page object for the app, shared by the end-to-end specs. */
import { expect, type Page } from '@playwright/test';

export const CLASS_NAME_PATTERN = /^(Angry|Disgust|Fear|Happy|Sad|Surprise|Neutral)$/;

export class AppPage {
  constructor(readonly page: Page) {}

  async open(backend: 'auto' | 'wasm' | 'webgl' | 'webgpu' | 'cpu' = 'wasm', baseURL = '')
    : Promise<void> {
    // WASM by default: the software WebGPU on CI machines is ~100x slower.
    await this.page.addInitScript((b) => localStorage.setItem('personal-fer.backend', b),
      backend);
    await this.page.goto(`${baseURL}/`);
    await expect(this.page.getByTestId('backend-in-use')).toBeVisible();
  }

  async startCamera(): Promise<void> {
    await this.page.getByTestId('start-camera').click();
  }

  /** Frames analysed so far, from the diagnostics the live view publishes. */
  framesAnalysed(): Promise<number> {
    return this.page.evaluate(() => window.__ferDiagnostics?.frames.length ?? 0);
  }

  async waitForFrames(count: number): Promise<void> {
    await expect.poll(() => this.framesAnalysed(), { timeout: 90_000 })
      .toBeGreaterThanOrEqual(count);
  }

  tensorCount(): Promise<number> {
    return this.page.evaluate(() => window.__ferDiagnostics!.tensorCount());
  }
}
