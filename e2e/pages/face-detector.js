// Page-side face detection with @mediapipe/tasks-vision, shared by scripts/check-face-model.ts
// and the Playwright tests. Plain ES module: it is served as-is, without a bundler.
import { FaceDetector, FilesetResolver } from '@mediapipe/tasks-vision';

/** Content-Security-Policy violations seen by this page (e.g. blocked telemetry). */
export const cspViolations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  cspViolations.push(`${event.violatedDirective} blocked ${event.blockedURI}`);
});

async function loadImage(url) {
  const image = new Image();
  image.src = url;
  await image.decode();
  return image;
}

function toPlain(detection) {
  const box = detection.boundingBox;
  return {
    score: detection.categories[0]?.score ?? 0,
    box: box && { x: box.originX, y: box.originY, width: box.width, height: box.height },
    keypoints: detection.keypoints.map((k) => ({ x: k.x, y: k.y })),
  };
}

/**
 * Detects faces in the image at `imageUrl`.
 * @param {{ imageUrl: string, modelUrl: string, wasmUrl: string, repeat?: number }} options
 *   `repeat` extra timed detections give a per-frame latency estimate.
 */
export async function detectFaces({ imageUrl, modelUrl, wasmUrl, repeat = 0 }) {
  const fileset = await FilesetResolver.forVisionTasks(wasmUrl);
  const detector = await FaceDetector.createFromOptions(fileset, {
    baseOptions: { modelAssetPath: modelUrl, delegate: 'CPU' },
    runningMode: 'IMAGE',
  });
  try {
    const image = await loadImage(imageUrl);
    const { detections } = detector.detect(image);
    const start = performance.now();
    for (let i = 0; i < repeat; i++) detector.detect(image);
    const msPerFrame = repeat > 0 ? (performance.now() - start) / repeat : undefined;
    return {
      image: { width: image.naturalWidth, height: image.naturalHeight },
      detections: detections.map(toPlain),
      msPerFrame,
      cspViolations,
    };
  } finally {
    detector.close();
  }
}
