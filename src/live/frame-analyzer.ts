/**
 * One frame through the pipeline: detect faces, cut each into a 48x48 gray crop, classify
 * all crops in one batch. Times each stage so the UI and the benchmark can report them.
 */
import type { ExpressionClassifier } from '../classify/expression-classifier';
import type { FaceDetection, FaceDetectorService } from '../face/face-detector';
import {
  isTooSmall, readBackRegion, squareFaceCrop, type FrameRect, type Rect, type Size,
} from '../face/geometry';
import { cropToGrayscale } from '../face/grayscale-crop';

export interface AnalyzedFace {
  box: FrameRect;
  score: number;
  /** 48x48 gray crop, 8-bit, row-major. */
  crop: Uint8Array;
  /** General model's output; null for a face too small to classify reliably. */
  probabilities: Float32Array | null;
  /** Personal model's output, when one is active. */
  personal: Float32Array | null;
}

export interface StageTimings {
  detectMs: number;
  cropMs: number;
  classifyMs: number;
  totalMs: number;
}

export interface FrameAnalysis {
  frame: Size;
  faces: AnalyzedFace[];
  timings: StageTimings;
}

type Drawable = HTMLVideoElement | HTMLImageElement | HTMLCanvasElement | ImageBitmap;

/**
 * Holds the current frame in one reusable canvas. The frame is converted (e.g. from the
 * camera's YUV) once, by `draw`; detection reads the canvas, and crops read back only the
 * pixels around each face rather than the whole frame.
 */
class FrameCanvas {
  readonly canvas = document.createElement('canvas');
  private readonly context = this.canvas.getContext('2d', { willReadFrequently: true })!;

  draw(source: Drawable, size: Size): HTMLCanvasElement {
    if (this.canvas.width !== size.width || this.canvas.height !== size.height) {
      this.canvas.width = size.width;
      this.canvas.height = size.height;
    }
    this.context.drawImage(source, 0, 0, size.width, size.height);
    return this.canvas;
  }

  /** The 48x48 gray crop of `rect` (frame pixels), clamped to the frame's edges. */
  crop(rect: Rect): Uint8Array {
    const { region, rectInRegion } = readBackRegion(rect, this.canvas);
    const pixels = this.context.getImageData(region.x, region.y, region.width, region.height);
    return cropToGrayscale(pixels, rectInRegion);
  }
}

export function frameSizeOf(source: Drawable): Size {
  if (source instanceof HTMLVideoElement) {
    return { width: source.videoWidth, height: source.videoHeight };
  }
  if (source instanceof HTMLImageElement) {
    return { width: source.naturalWidth, height: source.naturalHeight };
  }
  return { width: source.width, height: source.height };
}

export class FrameAnalyzer {
  private readonly frame = new FrameCanvas();

  constructor(
    private readonly detector: FaceDetectorService,
    /** The general classifier, and the personal one when the user has one active. */
    private readonly classifiers: () => { general: ExpressionClassifier;
      personal: ExpressionClassifier | null },
  ) {}

  analyzeVideo(video: HTMLVideoElement, timestampMs: number): Promise<FrameAnalysis> {
    return this.analyze(video, (canvas) => this.detector.detectVideo(canvas, timestampMs));
  }

  analyzeImage(image: HTMLImageElement | HTMLCanvasElement): Promise<FrameAnalysis> {
    return this.analyze(image, (canvas) => this.detector.detectImage(canvas));
  }

  private async analyze(
    source: Drawable, detect: (canvas: HTMLCanvasElement) => FaceDetection[] |
      Promise<FaceDetection[]>,
  ) {
    const started = performance.now();
    const frame = frameSizeOf(source);
    const detections = await detect(this.frame.draw(source, frame));
    const detected = performance.now();

    const faces = detections.map((d) => ({
      box: d.box, score: d.score,
      crop: this.frame.crop(squareFaceCrop(d.box)),
      probabilities: null as Float32Array | null,
      personal: null as Float32Array | null,
    }));
    const cropped = performance.now();

    const classifiable = faces.filter((f) => !isTooSmall(f.box));
    const crops = classifiable.map((f) => f.crop);
    const { general, personal } = this.classifiers();
    const generalProbs = await general.classify(crops);
    const personalProbs = personal ? await personal.classify(crops) : [];
    classifiable.forEach((f, i) => {
      f.probabilities = generalProbs[i];
      f.personal = personalProbs[i] ?? null;
    });
    const done = performance.now();

    return { frame, faces, timings: { detectMs: detected - started,
      cropMs: cropped - detected, classifyMs: done - cropped, totalMs: done - started } };
  }
}
