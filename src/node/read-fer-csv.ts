/**
 * Streams a FER-2013 CSV (plain or gzipped, detected by its magic bytes) from disk, and
 * its md5, in one pass.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import { FerCsvParser, LineSplitter, type FerDataset } from '../data/fer-csv';

export interface LoadedFerCsv {
  dataset: FerDataset;
  /** md5 of the uncompressed CSV, comparable across the plain and gzipped copies. */
  md5: string;
  path: string;
}

async function isGzip(path: string): Promise<boolean> {
  const file = await open(path, 'r');
  try {
    const head = Buffer.alloc(2);
    await file.read(head, 0, 2, 0);
    return head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    await file.close();
  }
}

export async function readFerCsv(
  path: string, onProgress?: (bytesRead: number, totalBytes: number) => void,
): Promise<LoadedFerCsv> {
  const { size } = await stat(path).catch(() => {
    throw new Error(`Cannot read "${path}": no such file. Pass the Kaggle fer2013.csv ` +
      `(or icml_face_data.csv, or either gzipped) with --data.`);
  });
  const gzipped = await isGzip(path);
  const raw = createReadStream(path);
  let bytesRead = 0;
  raw.on('data', (chunk) => {
    bytesRead += chunk.length;
    onProgress?.(bytesRead, size);
  });
  const text = gzipped ? raw.pipe(createGunzip()) : raw;
  const md5 = createHash('md5');
  const parser = new FerCsvParser();
  const lines = new LineSplitter((line) => parser.pushLine(line));
  const decoder = new TextDecoder();
  for await (const chunk of text as AsyncIterable<Buffer>) {
    md5.update(chunk);
    lines.push(decoder.decode(chunk, { stream: true }));
  }
  lines.push(decoder.decode());
  lines.end();
  return { dataset: parser.finish(), md5: md5.digest('hex'), path };
}
