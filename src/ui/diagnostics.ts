/**
 * Per-frame figures exposed on `window.__ferDiagnostics` for the benchmark and end-to-end
 * tests, which read them from outside the page. Holds numbers only, never images.
 */
import type { Rect } from '../face/geometry';
import type { StageTimings } from '../live/frame-analyzer';

export interface Diagnostics {
  backend: string;
  frames: StageTimings[];
  tensorCount: () => number;
  faceCounts: number[];
  /**
   * The face boxes drawn on the latest frame, in overlay-canvas pixels as shown: mirrored
   * for the selfie preview, unlike the detector's frame boxes.
   */
  lastBoxes: Rect[];
}

const MAX_FRAMES = 2000;

declare global {
  interface Window {
    __ferDiagnostics?: Diagnostics;
  }
}

export function resetDiagnostics(backend: string, tensorCount: () => number): Diagnostics {
  window.__ferDiagnostics = { backend, frames: [], tensorCount, faceCounts: [],
    lastBoxes: [] };
  return window.__ferDiagnostics;
}

export function recordFrame(
  d: Diagnostics, timings: StageTimings, faces: number, drawnBoxes: Rect[],
): void {
  if (d.frames.length >= MAX_FRAMES) {
    d.frames.shift();
    d.faceCounts.shift();
  }
  d.frames.push(timings);
  d.faceCounts.push(faces);
  d.lastBoxes = drawnBoxes;
}
