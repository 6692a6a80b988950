import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { FerCsvError, FerCsvParser, LineSplitter, parseFerCsvText } from
  '../src/data/fer-csv';
import { readFerCsv } from '../src/node/read-fer-csv';
import { makeFerCsv } from './helpers/fer-csv-fixture';

const zeros = Array(2304).fill(0).join(' ');
const row = (pixels: string, label = 3, usage = 'Training') => `${label},${pixels},${usage}`;

function parseError(text: string): FerCsvError {
  try {
    parseFerCsvText(text);
  } catch (e) {
    if (e instanceof FerCsvError) return e;
    throw e;
  }
  throw new Error('expected a FerCsvError');
}

describe('FER-2013 CSV parsing', () => {
  it('reads both Kaggle layouts by header name, to the same images', () => {
    const a = parseFerCsvText(makeFerCsv({ layout: 'fer2013' }));
    const b = parseFerCsvText(makeFerCsv({ layout: 'icml' }));
    expect(a.splits.Training.count).toBe(42);
    expect(a.splits.PublicTest.count).toBe(14);
    expect(a.splits.PrivateTest.count).toBe(14);
    expect(b.splits.Training.pixels).toEqual(a.splits.Training.pixels);
    expect(b.splits.PrivateTest.labels).toEqual(a.splits.PrivateTest.labels);
    expect(Array.from(a.splits.Training.labels.slice(0, 7))).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('names the missing columns of a wrong header', () => {
    const e = parseError('label,image,split\n');
    expect(e.code).toBe('bad-header');
    expect(e.message).toMatch(/^Line 1: /);
    expect(e.message).toMatch(/emotion, pixels, usage/);
  });

  it('rejects a row whose pixel count is not 2304, naming the line', () => {
    const text = `emotion,pixels,Usage\n${row(zeros)}\n${row('1 2 3')}\n`;
    const e = parseError(text);
    expect(e.code).toBe('pixel-count');
    expect(e.line).toBe(3);
    expect(e.message).toBe('Line 3: expected 2304 pixels (48x48), found 3.');
  });

  it('rejects labels outside 0-6 and unknown splits', () => {
    const label = parseError(`emotion,pixels,Usage\n${row(zeros)}\n${row(zeros, 7)}\n`);
    expect(label.code).toBe('bad-label');
    expect(label.message).toMatch(/^Line 3: /);
    expect(parseError(`emotion,pixels,Usage\n${row(zeros, 3, 'Test')}\n`).code)
      .toBe('bad-usage');
    expect(parseError(`emotion,pixels,Usage\n${row(zeros.replace('0', 'x'))}\n`).code)
      .toBe('bad-pixel');
    expect(parseError('').code).toBe('empty-file');
  });

  it('counts blank images and exact duplicates', () => {
    const image = Array.from({ length: 2304 }, (_, i) => i % 256).join(' ');
    const text = ['emotion,pixels,Usage', row(zeros), row(image), row(image, 4, 'PublicTest'),
      row(zeros)].join('\n');
    const d = parseFerCsvText(text);
    expect(d.blankImages).toEqual({ Training: 2, PublicTest: 0, PrivateTest: 0 });
    expect(d.duplicateImages).toEqual({ Training: 1, PublicTest: 1, PrivateTest: 0 });
  });

  it('splits lines across arbitrary chunk boundaries', () => {
    const lines: string[] = [];
    const splitter = new LineSplitter((l) => lines.push(l));
    for (const chunk of ['a,b', '\nc', 'd\r\n', 'e']) splitter.push(chunk);
    splitter.end();
    expect(lines).toEqual(['a,b', 'cd\r', 'e']);
    const parser = new FerCsvParser();
    parser.pushLine('emotion,pixels,Usage\r');
    parser.pushLine(`${row(zeros)}\r`);
    expect(parser.finish().rows).toBe(1);
  });

  it('streams plain and gzipped files from disk with the same md5', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fer-csv-'));
    const text = makeFerCsv();
    await writeFile(join(dir, 'fer.csv'), text);
    await writeFile(join(dir, 'fer.csv.gz'), gzipSync(text));
    const plain = await readFerCsv(join(dir, 'fer.csv'));
    const gz = await readFerCsv(join(dir, 'fer.csv.gz'));
    expect(gz.md5).toBe(plain.md5);
    expect(gz.dataset.splits.Training.pixels).toEqual(plain.dataset.splits.Training.pixels);
    await expect(readFerCsv(join(dir, 'missing.csv'))).rejects.toThrow(/no such file/);
  });
});

describe('streaming a picked file (the browser worker path)', () => {
  it('parses a gzipped Blob with progress, like a plain one', async () => {
    const { parseFerCsvStream } = await import('../src/data/fer-csv-stream');
    const text = makeFerCsv({ layout: 'icml' });
    const progress: number[] = [];
    const gz = await parseFerCsvStream(new Blob([gzipSync(text)]), (read) => progress.push(read));
    const plain = await parseFerCsvStream(new Blob([text]));
    expect(gz.splits.Training.pixels).toEqual(plain.splits.Training.pixels);
    expect(gz.rows).toBe(70);
    expect(progress.at(-1)).toBe(gzipSync(text).length);
  });

  it('names the line of a malformed row', async () => {
    const { parseFerCsvStream } = await import('../src/data/fer-csv-stream');
    await expect(parseFerCsvStream(new Blob(['emotion,pixels,Usage\n3,1 2,Training\n'])))
      .rejects.toThrow('Line 2: expected 2304 pixels (48x48), found 2.');
  });
});
