import { useCallback, useEffect, useRef, useState } from 'react';
import { AppError, describeCause } from '../app/errors';
import type { Engine } from '../app/engine';
import { openCamera, stopStream } from '../camera/camera';
import { FaceTracker, type TrackedFace } from '../live/face-tracker';
import { startFrameLoop, type FrameLoop } from '../live/frame-loop';
import type { StageTimings } from '../live/frame-analyzer';
import { recordFrame, resetDiagnostics } from './diagnostics';
import { drawOverlay } from './draw-overlay';
import { ErrorNotice } from './ErrorNotice';
import { ExpressionBars } from './ExpressionBars';

/** React state is refreshed at this rate; the canvas overlay is drawn on every frame. */
const UI_REFRESH_MS = 200;

interface LiveStats {
  fps: number;
  timings: StageTimings;
  tensors: number;
}

/** Which model's prediction the live view shows. */
export type LiveDisplay = 'general' | 'personal' | 'both';

type FaceSummary = { id: number; probabilities: Float32Array | null;
  general: Float32Array | null };

function describeFaces(faces: FaceSummary[]): string {
  if (faces.length === 0) return 'No face in view. Face the camera, in good light.';
  if (faces.some((f) => !f.probabilities)) {
    return 'A face is too small to read: move closer to the camera.';
  }
  return faces.length > 1 ? `${faces.length} faces in view, each classified.` : '';
}

export function LiveView({ engine, display, personalReady, onDisplayChange }: {
  engine: Engine; display: LiveDisplay; personalReady: boolean;
  onDisplayChange: (d: LiveDisplay) => void;
}) {
  const videoRef = useRef<HTMLVideoElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [faces, setFaces] = useState<FaceSummary[] | null>(null);
  const [stats, setStats] = useState<LiveStats | null>(null);
  const session = useRef<{ stream: MediaStream; loop: FrameLoop } | null>(null);
  const displayRef = useRef(display);
  displayRef.current = display;
  const hasPersonal = personalReady && engine.hasPersonalModel();

  const stop = useCallback(() => {
    session.current?.loop.stop();
    stopStream(session.current?.stream ?? null);
    session.current = null;
    setRunning(false);
    setFaces(null);
    canvasRef.current?.getContext('2d')?.clearRect(0, 0, 1e4, 1e4);
  }, []);

  const start = useCallback(async () => {
    setError(null);
    const video = videoRef.current!;
    let stream: MediaStream;
    try {
      stream = await openCamera();
    } catch (e) {
      setError(e as AppError);
      return;
    }
    video.srcObject = stream;
    try {
      await video.play();
    } catch (cause) {
      // The camera is open but its video will not play (e.g. a stream that ended at once):
      // turn the camera off again rather than leave it on with nothing shown.
      stopStream(stream);
      video.srcObject = null;
      setError(new AppError('camera-failed', 'The camera opened but its video would not ' +
        `play (${describeCause(cause)}). Try again, or analyse photos instead.`, cause));
      return;
    }
    const canvas = canvasRef.current!;
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    const ctx = canvas.getContext('2d')!;
    // One tracker per model so that each bar chart is smoothed on its own.
    const tracker = new FaceTracker();
    const generalTracker = new FaceTracker();
    const diagnostics = resetDiagnostics(engine.backend.backend, engine.tensorCount);
    let lastUi = 0;
    let framesSinceUi = 0;
    let tracked: TrackedFace[] = [];
    let trackedGeneral: TrackedFace[] = [];

    const loop = startFrameLoop(video, async (timestampMs) => {
      const analysis = await engine.analyzer.analyzeVideo(video, timestampMs);
      const classified = analysis.faces.filter((f) => f.probabilities);
      const usePersonal = displayRef.current !== 'general';
      tracked = tracker.update(classified.map((f) => ({ box: f.box,
        probabilities: (usePersonal && f.personal) || f.probabilities! })));
      trackedGeneral = displayRef.current === 'both' && classified.some((f) => f.personal)
        ? generalTracker.update(classified.map((f) => ({ box: f.box,
          probabilities: f.probabilities! })))
        : [];
      const small = analysis.faces.filter((f) => !f.probabilities);
      // Both trackers got the faces in the same order, so index i is one face in each.
      const drawn = drawOverlay(ctx, analysis.frame, [
        ...tracked.map((t, i) => ({ box: t.box, probabilities: t.probabilities,
          second: trackedGeneral[i] ? { model: 'general',
            probabilities: trackedGeneral[i].probabilities } : null })),
        ...small.map((f) => ({ box: f.box, probabilities: null })),
      ], true);
      recordFrame(diagnostics, analysis.timings, analysis.faces.length, drawn);
      framesSinceUi++;
      const now = performance.now();
      if (now - lastUi >= UI_REFRESH_MS) {
        setStats({ fps: (framesSinceUi * 1000) / (now - lastUi || 1),
          timings: analysis.timings, tensors: engine.tensorCount() });
        setFaces([...tracked.map((t, i) => ({ id: t.id, probabilities: t.probabilities,
          general: trackedGeneral[i]?.probabilities ?? null })),
        ...small.map((_, i) => ({ id: -1 - i, probabilities: null, general: null }))]);
        lastUi = now;
        framesSinceUi = 0;
      }
    }, (e) => {
      stop();
      setError(e instanceof AppError ? e : new AppError('camera-failed',
        `Live analysis stopped: ${(e as Error).message}. Start the camera again.`));
    });
    session.current = { stream, loop };
    setRunning(true);
  }, [engine, stop]);

  useEffect(() => stop, [stop]);

  const message = faces ? describeFaces(faces) : '';
  return (
    <section className="live" aria-label="Live camera">
      <div className="stage">
        <video ref={videoRef} className="mirrored" muted playsInline
          data-testid="video" hidden={!running} />
        <canvas ref={canvasRef} className="overlay" data-testid="overlay" hidden={!running} />
        {!running && <p className="placeholder">The camera is off. Nothing leaves this
          device: frames are analysed in this page only.</p>}
      </div>
      <div className="controls">
        <label>Show{' '}
          <select value={hasPersonal ? display : 'general'} data-testid="display-picker"
            disabled={!hasPersonal} onChange={(e) => onDisplayChange(e.target.value as
              LiveDisplay)}>
            <option value="personal">my model</option>
            <option value="general">general model</option>
            <option value="both">both</option>
          </select>
        </label>
        {!hasPersonal && <span className="hint">Personalise to get your own model.</span>}
        {running
          ? <button type="button" onClick={stop}>Stop camera</button>
          : <button type="button" onClick={start} data-testid="start-camera">
            Start camera</button>}
      </div>
      {error && <ErrorNotice error={error} onRetry={start} />}
      {message && <p className="notice" role="status" data-testid="face-message">{message}</p>}
      <div className="faces">
        {faces?.filter((f) => f.probabilities).map((f, i) => (
          <div key={f.id} className="face-bars">
            <ExpressionBars probabilities={f.probabilities!}
              model={hasPersonal && display !== 'general' ? 'personal' : 'general'}
              label={`Face ${i + 1}${hasPersonal && display !== 'general' ? ', my model' : ''}`} />
            {f.general && <ExpressionBars probabilities={f.general}
              label={`Face ${i + 1}, general model`} />}
          </div>
        ))}
      </div>
      {stats && (
        <dl className="stats" data-testid="stats">
          <div><dt>Frames/s</dt><dd>{stats.fps.toFixed(1)}</dd></div>
          <div><dt>Latency</dt><dd>{stats.timings.totalMs.toFixed(1)} ms</dd></div>
          <div><dt>Detect</dt><dd>{stats.timings.detectMs.toFixed(1)} ms</dd></div>
          <div><dt>Crop</dt><dd>{stats.timings.cropMs.toFixed(1)} ms</dd></div>
          <div><dt>Classify</dt><dd>{stats.timings.classifyMs.toFixed(1)} ms</dd></div>
          <div><dt>Tensors</dt><dd data-testid="tensor-count">{stats.tensors}</dd></div>
        </dl>
      )}
    </section>
  );
}
