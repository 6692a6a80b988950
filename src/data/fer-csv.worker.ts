/** Parses a picked FER-2013 CSV off the main thread; see fer-csv-client.ts. */
import { FerCsvError, SPLITS } from './fer-csv';
import { parseFerCsvStream } from './fer-csv-stream';

export type FromFerCsvWorker =
  | { type: 'progress'; bytesRead: number; totalBytes: number }
  | { type: 'done'; dataset: import('./fer-csv').FerDataset }
  | { type: 'error'; message: string; line: number };

const post = (m: FromFerCsvWorker, transfer: Transferable[] = []) =>
  (self as unknown as Worker).postMessage(m, transfer);

self.onmessage = async (event: MessageEvent<File>) => {
  let lastPercent = -1;
  try {
    const dataset = await parseFerCsvStream(event.data, (bytesRead, totalBytes) => {
      const percent = Math.floor((100 * bytesRead) / totalBytes);
      if (percent === lastPercent) return;
      lastPercent = percent;
      post({ type: 'progress', bytesRead, totalBytes });
    });
    const buffers = SPLITS.flatMap((s) => [dataset.splits[s].pixels.buffer as ArrayBuffer,
      dataset.splits[s].labels.buffer as ArrayBuffer]);
    post({ type: 'done', dataset }, buffers);
  } catch (e) {
    post({ type: 'error', message: e instanceof Error ? e.message : String(e),
      line: e instanceof FerCsvError ? e.line : 0 });
  }
};
