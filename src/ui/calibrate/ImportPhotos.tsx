import { useState } from 'react';
import type { AppError } from '../../app/errors';
import type { Engine } from '../../app/engine';
import { judgeFrame, VERDICT_MESSAGES } from '../../personal/capture-rules';
import { EXPECTED_FOLDERS, labelFromPath } from '../../personal/import-labels';
import type { AppStorage, NewSample } from '../../storage/store';
import { ErrorNotice } from '../ErrorNotice';

interface Problem {
  file: string;
  reason: string;
}

async function decode(file: File): Promise<HTMLImageElement> {
  const image = new Image();
  image.src = URL.createObjectURL(file);
  try {
    await image.decode();
    return image;
  } finally {
    URL.revokeObjectURL(image.src);
  }
}

/**
 * Imports labelled photos (a folder with one subfolder per expression) through the same
 * detector and crop as the camera. Photos that yield no usable face are listed, not dropped
 * silently.
 */
export function ImportPhotos({ engine, storage, onChange }: {
  engine: Engine; storage: AppStorage; onChange: () => void;
}) {
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [imported, setImported] = useState<number | null>(null);
  const [error, setError] = useState<AppError | null>(null);

  const importFiles = async (files: File[]) => {
    setProblems([]);
    setImported(null);
    setError(null);
    const samples: NewSample[] = [];
    const found: Problem[] = [];
    for (const [i, file] of files.entries()) {
      setProgress({ done: i, total: files.length });
      const path = file.webkitRelativePath || file.name;
      const label = labelFromPath(path);
      if (label === null) {
        found.push({ file: path, reason: `not in a folder named after an expression ` +
          `(${EXPECTED_FOLDERS})` });
        continue;
      }
      try {
        const image = await decode(file);
        const verdict = judgeFrame((await engine.analyzer.analyzeImage(image)).faces, 0);
        if (verdict.ok) {
          samples.push({ label, pixels: verdict.crop, capturedAt: file.lastModified || Date.now(),
            source: 'import', sourceName: path });
        } else {
          found.push({ file: path, reason: VERDICT_MESSAGES[verdict.reason] });
        }
      } catch {
        found.push({ file: path, reason: 'not a readable image' });
      }
    }
    setProgress(null);
    setProblems(found);
    if (samples.length === 0) return;
    try {
      await storage.addSamples(samples);
      setImported(samples.length);
      onChange();
    } catch (e) {
      setError(e as AppError);
    }
  };

  return (
    <section className="import" aria-label="Import photos">
      <p>Import labelled photos: a folder with subfolders {EXPECTED_FOLDERS}.</p>
      <label className="drop-zone">Choose a folder
        <input type="file" data-testid="import-folder" multiple accept="image/*"
          // Folder picking: the attribute is not in React's types.
          {...{ webkitdirectory: '' }}
          onChange={(e) => void importFiles([...(e.target.files ?? [])])} />
      </label>
      {progress && <progress max={progress.total} value={progress.done} />}
      {error && <ErrorNotice error={error} />}
      {imported !== null && <p className="notice" role="status" data-testid="imported">
        Imported {imported} photos.</p>}
      {problems.length > 0 && (
        <div className="notice" data-testid="import-problems">
          <p>{problems.length} photos were not imported:</p>
          <ul>{problems.map((p) => <li key={p.file}><code>{p.file}</code>: {p.reason}</li>)}</ul>
        </div>
      )}
    </section>
  );
}
