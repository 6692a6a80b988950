/**
 * Smooths each face's expression probabilities over recent frames. Faces are matched to the
 * previous frame's by box overlap; a face seen for the first time starts unsmoothed.
 */
import { intersectionOverUnion, type FrameRect } from '../face/geometry';

export interface TrackerOptions {
  smoothingAlpha: number;
  minOverlap: number;
}

export const TRACKER_DEFAULTS: Readonly<TrackerOptions> = {
  /** Weight of the newest frame in the moving average: 0.35 settles in about 5 frames. */
  smoothingAlpha: 0.35,
  /** Boxes overlapping less than this are different faces. */
  minOverlap: 0.3,
};

export interface TrackedFace {
  id: number;
  box: FrameRect;
  probabilities: Float32Array;
}

export function exponentialAverage(
  previous: Float32Array, current: Float32Array, alpha: number,
): Float32Array {
  return current.map((v, i) => alpha * v + (1 - alpha) * previous[i]);
}

export class FaceTracker {
  private tracks: TrackedFace[] = [];
  private nextId = 1;
  private readonly options: TrackerOptions;

  constructor(options: Partial<TrackerOptions> = {}) {
    this.options = { ...TRACKER_DEFAULTS, ...options };
  }

  /** Updates the tracks with this frame's faces; faces no longer seen are dropped. */
  update(faces: { box: FrameRect; probabilities: Float32Array }[]): TrackedFace[] {
    const unmatched = new Set(this.tracks);
    this.tracks = faces.map((face) => {
      let best: TrackedFace | null = null;
      let bestOverlap = this.options.minOverlap;
      for (const track of unmatched) {
        const overlap = intersectionOverUnion(track.box, face.box);
        if (overlap >= bestOverlap) {
          best = track;
          bestOverlap = overlap;
        }
      }
      if (!best) return { id: this.nextId++, ...face };
      unmatched.delete(best);
      return { id: best.id, box: face.box, probabilities: exponentialAverage(
        best.probabilities, face.probabilities, this.options.smoothingAlpha) };
    });
    return this.tracks;
  }

  reset(): void {
    this.tracks = [];
  }
}
