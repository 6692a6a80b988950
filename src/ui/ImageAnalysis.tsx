import { useCallback, useState, type DragEvent } from 'react';
import type { Engine } from '../app/engine';
import { drawOverlay } from './draw-overlay';
import type { FrameAnalysis } from '../live/frame-analyzer';
import { ExpressionBars } from './ExpressionBars';

interface ImageResult {
  name: string;
  url: string;
  analysis?: FrameAnalysis;
  error?: string;
}

async function loadImage(file: File): Promise<HTMLImageElement> {
  const image = new Image();
  image.src = URL.createObjectURL(file);
  try {
    await image.decode();
  } catch {
    URL.revokeObjectURL(image.src);
    throw new Error(`"${file.name}" could not be read as an image (JPEG, PNG, WebP or GIF).`);
  }
  return image;
}

function ResultCard({ result }: { result: ImageResult }) {
  const draw = useCallback((canvas: HTMLCanvasElement | null) => {
    if (!canvas || !result.analysis) return;
    const { frame, faces } = result.analysis;
    canvas.width = frame.width;
    canvas.height = frame.height;
    drawOverlay(canvas.getContext('2d')!, frame, faces, false);
  }, [result.analysis]);
  const faces = result.analysis?.faces ?? [];
  return (
    <article className="image-result" data-testid="image-result">
      <h3>{result.name}</h3>
      {result.error && <p className="notice error" role="alert">{result.error}</p>}
      {result.analysis && (
        <div className="stage still">
          <img src={result.url} alt={result.name} />
          <canvas ref={draw} className="overlay" />
        </div>
      )}
      {result.analysis && faces.length === 0 && (
        <p className="notice" data-testid="no-face">No face found in this image. Try a
          photo where a face is clearly visible and facing the camera.</p>
      )}
      {faces.map((f, i) => f.probabilities ? (
        <div key={i} className="face-bars">
          {f.personal && <ExpressionBars probabilities={f.personal} model="personal"
            label={`Face ${i + 1}, my model`} />}
          <ExpressionBars probabilities={f.probabilities}
            label={f.personal ? `Face ${i + 1}, general model` : `Face ${i + 1}`} />
        </div>
      ) : <p key={i} className="notice">Face {i + 1} is too small to read reliably.</p>)}
    </article>
  );
}

/** Classifies faces in photos the user picks or drops: no camera needed. */
export function ImageAnalysis({ engine }: { engine: Engine }) {
  const [results, setResults] = useState<ImageResult[]>([]);
  const [dragging, setDragging] = useState(false);

  const analyse = useCallback(async (files: File[]) => {
    const next: ImageResult[] = [];
    for (const file of files) {
      try {
        const image = await loadImage(file);
        next.push({ name: file.name, url: image.src,
          analysis: await engine.analyzer.analyzeImage(image) });
      } catch (e) {
        next.push({ name: file.name, url: '', error: (e as Error).message });
      }
    }
    setResults((previous) => {
      previous.forEach((r) => r.url && URL.revokeObjectURL(r.url));
      return next;
    });
  }, [engine]);

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    void analyse([...event.dataTransfer.files]);
  };

  return (
    <section className="images" aria-label="Photos">
      <label className={`drop-zone${dragging ? ' dragging' : ''}`}
        onDragOver={(e) => { e.preventDefault(); setDragging(true); }}
        onDragLeave={() => setDragging(false)} onDrop={onDrop}>
        Drop photos here, or <span className="link">choose files</span>
        <input type="file" accept="image/*" multiple data-testid="image-input"
          onChange={(e) => void analyse([...(e.target.files ?? [])])} />
      </label>
      <div className="image-results">
        {results.map((r, i) => <ResultCard key={`${r.name}-${i}`} result={r} />)}
      </div>
    </section>
  );
}
