/** Parses a FER-2013 CSV the user picked, in a worker, with progress. */
import type { FerDataset } from './fer-csv';
import type { FromFerCsvWorker } from './fer-csv.worker';

export function parseFerFile(
  file: File, onProgress: (fraction: number) => void,
): Promise<FerDataset> {
  const worker = new Worker(new URL('./fer-csv.worker.ts', import.meta.url),
    { type: 'module' });
  return new Promise<FerDataset>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<FromFerCsvWorker>) => {
      const m = event.data;
      if (m.type === 'progress') onProgress(m.bytesRead / m.totalBytes);
      else if (m.type === 'done') resolve(m.dataset);
      else reject(new Error(`${file.name}: ${m.message}`));
    };
    worker.onerror = (e) => reject(new Error(`The CSV reader failed: ${e.message}`));
    worker.postMessage(file);
  }).finally(() => worker.terminate());
}
