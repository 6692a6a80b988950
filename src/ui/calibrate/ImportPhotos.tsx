import { useState, type DragEvent } from 'react';
import type { AppError } from '../../app/errors';
import type { Engine } from '../../app/engine';
import { judgeFrame, VERDICT_MESSAGES } from '../../personal/capture-rules';
import {
  EXPECTED_FOLDERS, EXPECTED_NAMES, importLabel,
} from '../../personal/import-labels';
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
 * Dropped files, and a problem for each dropped folder: reading a folder's entries takes the
 * asynchronous FileSystemEntry API, and the folder picker already does that job.
 */
function splitDrop(items: DataTransferItemList): { files: File[]; folders: Problem[] } {
  const files: File[] = [];
  const folders: Problem[] = [];
  for (const item of [...items]) {
    if (item.kind !== 'file') continue;
    const entry = item.webkitGetAsEntry();
    const file = item.getAsFile();
    if (entry?.isDirectory) {
      folders.push({ file: `${entry.name}/`, reason: 'a dropped folder: pick it with ' +
        'the "A folder" picker instead' });
    } else if (file) {
      files.push(file);
    }
  }
  return { files, folders };
}

/**
 * Imports labelled photos (a folder with one subfolder per expression, or loose files named
 * after one) through the same detector and crop as the camera. Photos without a label or a
 * usable face are listed with the reason, not dropped silently.
 */
export function ImportPhotos({ engine, storage, onChange }: {
  engine: Engine; storage: AppStorage; onChange: () => void;
}) {
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [problems, setProblems] = useState<Problem[]>([]);
  const [imported, setImported] = useState<number | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [dragging, setDragging] = useState(false);

  const importFiles = async (files: File[], earlier: Problem[] = []) => {
    setProblems([]);
    setImported(null);
    setError(null);
    const samples: NewSample[] = [];
    const found: Problem[] = [...earlier];
    for (const [i, file] of files.entries()) {
      setProgress({ done: i, total: files.length });
      const path = file.webkitRelativePath || file.name;
      const labelled = importLabel(path);
      if (!labelled.ok) {
        found.push({ file: path, reason: labelled.reason });
        continue;
      }
      const { label } = labelled;
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

  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    const { files, folders } = splitDrop(event.dataTransfer.items);
    void importFiles(files, folders);
  };

  return (
    <section className="import" aria-label="Import photos">
      <p>Import labelled photos: a folder with subfolders {EXPECTED_FOLDERS}, or photos whose
        names start with an expression ({EXPECTED_NAMES}).</p>
      <div className={`drop-zone${dragging ? ' dragging' : ''}`} data-testid="import-drop"
        onDragOver={(e) => { e.preventDefault(); setDragging(true); }}
        onDragLeave={() => setDragging(false)} onDrop={onDrop}>
        <p>Drop photos here, or pick them:</p>
        <label className="picker">Photos
          <input type="file" data-testid="import-files" multiple accept="image/*"
            onChange={(e) => void importFiles([...(e.target.files ?? [])])} />
        </label>
        <label className="picker">A folder
          <input type="file" data-testid="import-folder" multiple accept="image/*"
            // Folder picking: the attribute is not in React's types.
            {...{ webkitdirectory: '' }}
            onChange={(e) => void importFiles([...(e.target.files ?? [])])} />
        </label>
      </div>
      {progress && <progress max={progress.total} value={progress.done} />}
      {error && <ErrorNotice error={error} />}
      {imported !== null && <p className="notice" role="status" data-testid="imported">
        Imported {imported} photos.</p>}
      {problems.length > 0 && (
        <div className="notice" data-testid="import-problems">
          <p>{problems.length} photos were not imported:</p>
          <ul>{problems.map((p, i) => (
            // Loose files from different drops may share a name, hence the index.
            <li key={`${i}-${p.file}`}><code>{p.file}</code>: {p.reason}</li>))}</ul>
        </div>
      )}
    </section>
  );
}
