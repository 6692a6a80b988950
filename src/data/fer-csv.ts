/**
 * FER-2013 CSV parsing, shared by the command-line tools and the browser worker.
 *
 * Accepts both Kaggle layouts, reading columns by header name:
 *   fer2013.csv          `emotion,pixels,Usage`
 *   icml_face_data.csv   `emotion, Usage, pixels`
 * The parser is push-based (one line at a time) so callers can stream a 300 MB file.
 * Pixels are kept as 8-bit values; see `PIXEL_SCALE` for the model's input encoding.
 */
import { NUM_CLASSES } from '../model/architecture';

export const IMAGE_PIXELS = 48 * 48;
export const SPLITS = ['Training', 'PublicTest', 'PrivateTest'] as const;
export type Split = (typeof SPLITS)[number];

export type FerCsvErrorCode =
  | 'bad-header' | 'pixel-count' | 'bad-pixel' | 'bad-label' | 'bad-usage' | 'bad-row'
  | 'empty-file';

export class FerCsvError extends Error {
  constructor(readonly code: FerCsvErrorCode, readonly line: number, detail: string) {
    super(line > 0 ? `Line ${line}: ${detail}` : detail);
    this.name = 'FerCsvError';
  }
}

/** Images of one split: `pixels` holds `count` 48x48 images back to back, row-major. */
export interface SplitData {
  pixels: Uint8Array;
  labels: Uint8Array;
  count: number;
}

export interface FerDataset {
  splits: Record<Split, SplitData>;
  /** Images whose pixels are all equal (Kaggle's file has a few black frames). */
  blankImages: Record<Split, number>;
  /** Images whose pixels exactly repeat an earlier image, in any split. */
  duplicateImages: Record<Split, number>;
  rows: number;
}

interface Columns { emotion: number; pixels: number; usage: number; count: number }

function readHeader(line: string): Columns {
  const names = line.split(',').map((n) => n.trim().toLowerCase());
  const find = (name: string) => names.indexOf(name);
  const columns = { emotion: find('emotion'), pixels: find('pixels'), usage: find('usage'),
    count: names.length };
  const missing = (['emotion', 'pixels', 'usage'] as const).filter((k) => columns[k] < 0);
  if (missing.length > 0) {
    throw new FerCsvError('bad-header', 1,
      `expected a header naming the columns emotion, pixels and Usage (as in Kaggle's ` +
      `fer2013.csv or icml_face_data.csv); got "${line.slice(0, 80)}", missing ` +
      `${missing.join(', ')}.`);
  }
  return columns;
}

/** FNV-1a over the pixel bytes: a cheap key for exact-duplicate detection. */
function hashPixels(pixels: Uint8Array): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < pixels.length; i++) {
    h1 = Math.imul(h1 ^ pixels[i], 0x01000193);
    h2 = Math.imul(h2 ^ pixels[i], 0x5bd1e995);
  }
  return `${(h1 >>> 0).toString(36)}.${(h2 >>> 0).toString(36)}`;
}

const perSplit = <T>(make: () => T) =>
  Object.fromEntries(SPLITS.map((s) => [s, make()])) as Record<Split, T>;

/** Growable byte buffer: the split sizes are not known until the file ends. */
class ByteList {
  private buffer = new Uint8Array(1 << 16);
  length = 0;
  push(bytes: Uint8Array | number[]): void {
    if (this.length + bytes.length > this.buffer.length) {
      const grown = new Uint8Array(Math.max(this.buffer.length * 2, this.length + bytes.length));
      grown.set(this.buffer.subarray(0, this.length));
      this.buffer = grown;
    }
    this.buffer.set(bytes, this.length);
    this.length += bytes.length;
  }
  toArray(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }
}

/**
 * Parses a FER-2013 CSV pushed line by line. Throws `FerCsvError` naming the line and the
 * problem on the first malformed row.
 */
export class FerCsvParser {
  private columns: Columns | null = null;
  private lineNumber = 0;
  private readonly pixels = perSplit(() => new ByteList());
  private readonly labels = perSplit(() => new ByteList());
  private readonly blank = perSplit(() => 0);
  private readonly duplicate = perSplit(() => 0);
  private readonly seen = new Set<string>();
  private readonly row = new Uint8Array(IMAGE_PIXELS);
  rows = 0;

  pushLine(rawLine: string): void {
    this.lineNumber++;
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    if (this.columns === null) {
      this.columns = readHeader(line);
      return;
    }
    if (line.trim() === '') return;
    this.pushRow(line, this.columns);
  }

  private pushRow(line: string, columns: Columns): void {
    const at = this.lineNumber;
    const fields = line.split(',');
    if (fields.length !== columns.count) {
      throw new FerCsvError('bad-row', at,
        `expected ${columns.count} comma-separated fields, found ${fields.length}.`);
    }
    const labelText = fields[columns.emotion].trim();
    const label = Number(labelText);
    if (!/^\d+$/.test(labelText) || label >= NUM_CLASSES) {
      throw new FerCsvError('bad-label', at,
        `emotion must be an integer 0-${NUM_CLASSES - 1}; found "${labelText}".`);
    }
    const usage = fields[columns.usage].trim() as Split;
    if (!SPLITS.includes(usage)) {
      throw new FerCsvError('bad-usage', at,
        `Usage must be one of ${SPLITS.join(', ')}; found "${usage}".`);
    }
    this.readPixels(fields[columns.pixels], at);

    const first = this.row[0];
    if (this.row.every((v) => v === first)) this.blank[usage]++;
    const key = hashPixels(this.row);
    if (this.seen.has(key)) this.duplicate[usage]++;
    else this.seen.add(key);

    this.pixels[usage].push(this.row);
    this.labels[usage].push([label]);
    this.rows++;
  }

  /** Fills `this.row` from space-separated integers, without allocating per value. */
  private readPixels(text: string, at: number): void {
    let count = 0;
    let value = -1;
    for (let i = 0; i <= text.length; i++) {
      const c = i < text.length ? text.charCodeAt(i) : 32;
      if (c >= 48 && c <= 57) {
        value = (value < 0 ? 0 : value * 10) + (c - 48);
      } else if (c === 32 || c === 9 || c === 34) {
        if (value < 0) continue;
        if (value > 255) {
          throw new FerCsvError('bad-pixel', at,
            `pixel ${count + 1} is ${value}; pixels must be 0-255.`);
        }
        if (count < IMAGE_PIXELS) this.row[count] = value;
        count++;
        value = -1;
      } else {
        throw new FerCsvError('bad-pixel', at,
          `pixels must be space-separated integers; found "${text[i]}" at character ${i + 1}.`);
      }
    }
    if (count !== IMAGE_PIXELS) {
      throw new FerCsvError('pixel-count', at,
        `expected ${IMAGE_PIXELS} pixels (48x48), found ${count}.`);
    }
  }

  finish(): FerDataset {
    if (this.columns === null) {
      throw new FerCsvError('empty-file', 0, 'The file is empty: expected a FER-2013 CSV.');
    }
    const splits = perSplit(() => null) as unknown as Record<Split, SplitData>;
    for (const s of SPLITS) {
      const labels = this.labels[s].toArray();
      splits[s] = { pixels: this.pixels[s].toArray(), labels, count: labels.length };
    }
    return { splits, blankImages: { ...this.blank }, duplicateImages: { ...this.duplicate },
      rows: this.rows };
  }
}

/** Splits a text stream into lines across chunk boundaries. */
export class LineSplitter {
  private rest = '';
  constructor(private readonly onLine: (line: string) => void) {}
  push(chunk: string): void {
    const parts = (this.rest + chunk).split('\n');
    this.rest = parts.pop() ?? '';
    for (const p of parts) this.onLine(p);
  }
  end(): void {
    if (this.rest !== '') this.onLine(this.rest);
    this.rest = '';
  }
}

/** Parses a whole CSV held in memory; for small files and tests. */
export function parseFerCsvText(text: string): FerDataset {
  const parser = new FerCsvParser();
  const splitter = new LineSplitter((l) => parser.pushLine(l));
  splitter.push(text);
  splitter.end();
  return parser.finish();
}
