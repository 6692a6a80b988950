import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppError } from '../../app/errors';
import type { Engine } from '../../app/engine';
import { openCamera, stopStream } from '../../camera/camera';
import { startFrameLoop, type FrameLoop } from '../../live/frame-loop';
import { CLASS_NAMES } from '../../model/architecture';
import {
  CAPTURE_DEFAULTS, EXPRESSION_CUES, judgeFrame, VERDICT_MESSAGES,
} from '../../personal/capture-rules';
import type { AppStorage } from '../../storage/store';
import { ErrorNotice } from '../ErrorNotice';
import { Thumbnail } from './Thumbnail';

type Step =
  | { phase: 'countdown'; label: number; secondsLeft: number }
  | { phase: 'capturing'; label: number }
  | { phase: 'saved'; label: number; ids: number[] }
  | { phase: 'finished' };

interface Props {
  engine: Engine;
  storage: AppStorage;
  /** Called after samples were added or removed, so counts can refresh. */
  onChange: () => void;
  onClose: () => void;
}

/**
 * Walks through the seven expressions: prompt, countdown, then spaced captures from the live
 * detector, skipping frames with no face, several faces, a small or a blurred face.
 */
export function CaptureWizard({ engine, storage, onChange, onClose }: Props) {
  const videoRef = useRef<HTMLVideoElement>(null);
  const [step, setStep] = useState<Step>({ phase: 'countdown', label: 0,
    secondsLeft: CAPTURE_DEFAULTS.countdownSeconds });
  const [crops, setCrops] = useState<Uint8Array[]>([]);
  const [hint, setHint] = useState('');
  const [error, setError] = useState<AppError | null>(null);
  const stepRef = useRef(step);
  stepRef.current = step;
  const captured = useRef<{ crops: Uint8Array[]; times: number[]; last: number }>(
    { crops: [], times: [], last: 0 });

  const save = useCallback(async (label: number) => {
    const { crops: taken, times } = captured.current;
    try {
      const ids = await storage.addSamples(taken.map((pixels, i) => ({ label, pixels,
        capturedAt: times[i], source: 'camera' as const })));
      onChange();
      setStep({ phase: 'saved', label, ids });
    } catch (e) {
      setError(e as AppError);
    }
  }, [storage, onChange]);

  const begin = (label: number) => {
    captured.current = { crops: [], times: [], last: 0 };
    setCrops([]);
    setHint('');
    setStep(label < CLASS_NAMES.length
      ? { phase: 'countdown', label, secondsLeft: CAPTURE_DEFAULTS.countdownSeconds }
      : { phase: 'finished' });
  };

  // The countdown ticks once a second, then capture starts.
  useEffect(() => {
    if (step.phase !== 'countdown') return;
    const timer = setTimeout(() => setStep(step.secondsLeft > 1
      ? { ...step, secondsLeft: step.secondsLeft - 1 }
      : { phase: 'capturing', label: step.label }), 1000);
    return () => clearTimeout(timer);
  }, [step]);

  // Camera and frame loop live as long as the wizard.
  useEffect(() => {
    let stream: MediaStream | null = null;
    let loop: FrameLoop | null = null;
    let closed = false;
    openCamera().then(async (s) => {
      stream = s;
      if (closed) return stopStream(s);
      const video = videoRef.current!;
      video.srcObject = s;
      await video.play();
      loop = startFrameLoop(video, async (timestampMs) => {
        const analysis = await engine.analyzer.analyzeVideo(video, timestampMs);
        const current = stepRef.current;
        const c = captured.current;
        const wanted = CAPTURE_DEFAULTS.samplesPerExpression;
        if (current.phase !== 'capturing' || c.crops.length >= wanted) return;
        const verdict = judgeFrame(analysis.faces);
        if (!verdict.ok) {
          setHint(VERDICT_MESSAGES[verdict.reason]);
          return;
        }
        setHint('');
        const now = Date.now();
        if (now - c.last < CAPTURE_DEFAULTS.captureIntervalMs) return;
        c.last = now;
        c.crops.push(verdict.crop.slice());
        c.times.push(now);
        setCrops([...c.crops]);
        if (c.crops.length === wanted) void save(current.label);
      }, (e) => setError(e as AppError));
    }).catch((e: unknown) => setError(e as AppError));
    return () => {
      closed = true;
      loop?.stop();
      stopStream(stream);
    };
  }, [engine, save]);

  const redo = async (label: number, ids: number[]) => {
    for (const id of ids) await storage.deleteSample(id);
    onChange();
    begin(label);
  };

  const label = step.phase === 'finished' ? -1 : step.label;
  const name = CLASS_NAMES[label];
  return (
    <section className="wizard" aria-label="Calibration" data-testid="wizard">
      <div className="stage small">
        <video ref={videoRef} className="mirrored" muted playsInline />
      </div>
      {error && <ErrorNotice error={error} onRetry={() => setError(null)} />}
      {step.phase === 'finished' ? (
        <p className="notice" data-testid="wizard-finished">All seven expressions done.</p>
      ) : (
        <div className="prompt">
          <h3 data-testid="wizard-expression">{name}</h3>
          <p>{EXPRESSION_CUES[name]}</p>
          {step.phase === 'countdown' && <p className="countdown">{step.secondsLeft}</p>}
          {step.phase === 'capturing' && (
            <>
              <progress max={CAPTURE_DEFAULTS.samplesPerExpression} value={crops.length} />
              <span> {crops.length}/{CAPTURE_DEFAULTS.samplesPerExpression}</span>
              {hint && <p className="notice" role="status">{hint}</p>}
            </>
          )}
          {step.phase === 'saved' && (
            <p className="notice" data-testid="wizard-saved">Saved {step.ids.length} samples
              of {name}.</p>
          )}
          <div className="thumbnails">
            {crops.map((c, i) => <Thumbnail key={i} pixels={c} sizePx={32} />)}
          </div>
        </div>
      )}
      <div className="controls">
        {step.phase === 'saved' && <>
          <button type="button" onClick={() => void redo(step.label, step.ids)}>Redo {name}
          </button>
          <button type="button" data-testid="wizard-next" onClick={() => begin(label + 1)}>
            Next expression</button>
        </>}
        {(step.phase === 'countdown' || step.phase === 'capturing') && <>
          <button type="button" onClick={() => begin(label)}>Restart {name}</button>
          <button type="button" onClick={() => begin(label + 1)}>Skip {name}</button>
        </>}
        <button type="button" onClick={onClose}>
          {step.phase === 'finished' ? 'Close' : 'Stop calibrating'}</button>
      </div>
    </section>
  );
}
