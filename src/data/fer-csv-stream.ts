/**
 * Streams a FER-2013 CSV from a web `ReadableStream` (a picked File, plain or gzipped) into
 * the parser, reporting progress in bytes of the file read. Runs in browsers and in Node 20.
 */
import { FerCsvParser, LineSplitter, type FerDataset } from './fer-csv';

function isGzip(head: Uint8Array): boolean {
  return head[0] === 0x1f && head[1] === 0x8b;
}

export async function parseFerCsvStream(
  file: Blob, onProgress?: (bytesRead: number, totalBytes: number) => void,
): Promise<FerDataset> {
  const head = new Uint8Array(await file.slice(0, 2).arrayBuffer());
  let bytesRead = 0;
  const counted = file.stream().pipeThrough(new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      bytesRead += chunk.length;
      onProgress?.(bytesRead, file.size);
      controller.enqueue(chunk);
    },
  }));
  const bytes = isGzip(head)
    ? counted.pipeThrough(new DecompressionStream('gzip') as unknown as
      TransformStream<Uint8Array, Uint8Array>)
    : counted;
  const parser = new FerCsvParser();
  const lines = new LineSplitter((line) => parser.pushLine(line));
  const decoder = new TextDecoderStream() as unknown as TransformStream<Uint8Array, string>;
  const reader = bytes.pipeThrough(decoder).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    lines.push(value);
  }
  lines.end();
  return parser.finish();
}
