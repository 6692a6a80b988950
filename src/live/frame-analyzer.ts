/**
 * One frame through the pipeline: detect faces, cut each into a 48x48 gray crop, classify
 * all crops in one batch. Times each stage so the UI and the benchmark can report them.
 */
import type { ExpressionClassifier } from '../classify/expression-classifier';
import type { FaceDetection, FaceDetectorService } from '../face/face-detector';
import { isTooSmall, squareFaceCrop, type FrameRect, type Size } from '../face/geometry';
import { cropToGrayscale, type RgbaImage } from '../face/grayscale-crop';

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

/** Reads a frame's pixels through one reusable canvas. */
class PixelReader {
  private readonly canvas = document.createElement('canvas');
  private readonly context = this.canvas.getContext('2d', { willReadFrequently: true })!;

  read(source: Drawable, size: Size): RgbaImage {
    if (this.canvas.width !== size.width || this.canvas.height !== size.height) {
      this.canvas.width = size.width;
      this.canvas.height = size.height;
    }
    this.context.drawImage(source, 0, 0, size.width, size.height);
    return this.context.getImageData(0, 0, size.width, size.height);
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
  private readonly pixels = new PixelReader();

  constructor(
    private readonly detector: FaceDetectorService,
    /** The general classifier, and the personal one when the user has one active. */
    private readonly classifiers: () => { general: ExpressionClassifier;
      personal: ExpressionClassifier | null },
  ) {}

  analyzeVideo(video: HTMLVideoElement, timestampMs: number): Promise<FrameAnalysis> {
    return this.analyze(video, () => this.detector.detectVideo(video, timestampMs));
  }

  analyzeImage(image: HTMLImageElement | HTMLCanvasElement): Promise<FrameAnalysis> {
    return this.analyze(image, () => this.detector.detectImage(image));
  }

  private async analyze(source: Drawable, detect: () => FaceDetection[]) {
    const started = performance.now();
    const frame = frameSizeOf(source);
    const detections = detect();
    const detected = performance.now();

    const image = detections.length > 0 ? this.pixels.read(source, frame) : null;
    const faces = detections.map((d) => ({
      box: d.box, score: d.score,
      crop: cropToGrayscale(image!, squareFaceCrop(d.box)),
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
