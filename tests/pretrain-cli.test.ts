import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { readModelArtifacts } from '../src/node/model-files';
import { makeFerCsv } from './helpers/fer-csv-fixture';

const run = promisify(execFile);
const TSX = join('node_modules', '.bin', 'tsx');

async function cli(script: string, args: string[]) {
  return run(TSX, [script, ...args], { timeout: 240_000 })
    .catch((e: { code: number; stdout: string; stderr: string }) => e);
}
const pretrain = (args: string[]) => cli('src/node/pretrain.ts', args);
const average = (args: string[]) => cli('src/node/average.ts', args);

/** All weights of a saved model, in manifest order, as one array. */
async function savedWeights(dir: string): Promise<Float32Array> {
  return new Float32Array((await readModelArtifacts(dir)).weightData as ArrayBuffer);
}

describe('npm run pretrain', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pretrain-cli-'));
    await writeFile(join(dir, 'tiny.csv'),
      makeFerCsv({ perClass: { Training: 4, PublicTest: 2, PrivateTest: 2 } }));
  });

  it('trains, checkpoints every epoch, resumes, and exports the model with its card', async () => {
    const common = ['--data', join(dir, 'tiny.csv'), '--batch', '14', '--workers', '2',
      '--warmup-steps', '2', '--checkpoints', join(dir, 'ck'), '--out', join(dir, 'model')];
    const first = await pretrain([...common, '--epochs', '1']);
    expect(first.stdout).toMatch(/epoch 1\/1 +train loss [\d.]+ acc [\d.]+% +valid loss/);
    expect(first.stdout).toMatch(/img\/s/);

    const second = await pretrain([...common, '--epochs', '2', '--resume']);
    expect(second.stdout).toContain('resuming after epoch 1');
    expect(second.stdout).toMatch(/epoch 2\/2 /);
    expect(second.stdout).toContain('PrivateTest, single view: accuracy');

    const latest = JSON.parse(await readFile(join(dir, 'ck', 'latest.json'), 'utf8'));
    expect(latest.checkpoint).toBe('epoch-002');
    const card = JSON.parse(await readFile(join(dir, 'model', 'card.json'), 'utf8'));
    expect(card.history).toHaveLength(2);
    expect(card.dataset.splitSizes).toEqual({ Training: 28, PublicTest: 14, PrivateTest: 14 });
    expect(card.test.confusion.flat().reduce((a: number, b: number) => a + b, 0)).toBe(14);
    expect(card.classNames[6]).toBe('Neutral');
    const modelJson = JSON.parse(await readFile(join(dir, 'model', 'model.json'), 'utf8'));
    expect(modelJson.format).toBe('layers-model');
  });

  it('keeps the newest two checkpoints and refuses to resume on other data', async () => {
    const common = ['--batch', '14', '--workers', '1', '--warmup-steps', '2',
      '--checkpoints', join(dir, 'ck3'), '--out', join(dir, 'model3')];
    await pretrain(['--data', join(dir, 'tiny.csv'), ...common, '--epochs', '3']);
    expect((await readdir(join(dir, 'ck3'))).sort())
      .toEqual(['best', 'epoch-002', 'epoch-003', 'latest.json']);

    const other = join(dir, 'other.csv');
    await writeFile(other, makeFerCsv({ seed: 8,
      perClass: { Training: 4, PublicTest: 2, PrivateTest: 2 } }));
    const refused = await pretrain(['--data', other, ...common, '--epochs', '4', '--resume']);
    expect((refused as { code: number }).code).toBe(2);
    expect(refused.stderr).toMatch(/was trained on a file with MD5 [0-9a-f]{32}/);
  });

  it('averages the weights of the last epochs, reading PrivateTest only on export', async () => {
    const data = ['--data', join(dir, 'tiny.csv')];
    const ck = join(dir, 'ck-avg');
    await pretrain([...data, '--batch', '14', '--workers', '1', '--warmup-steps', '2',
      '--epochs', '3', '--keep', '3', '--checkpoints', ck, '--out', join(dir, 'model-avg0')]);
    expect((await readdir(ck)).filter((d) => d.startsWith('epoch-'))).toHaveLength(3);

    const tooMany = await average([...data, '--checkpoints', ck, '--last', '4']);
    expect((tooMany as { code: number }).code).toBe(1);
    expect(tooMany.stderr).toContain('holds 3 epoch checkpoint(s)');

    const report = await average([...data, '--checkpoints', ck, '--last', '3']);
    expect(report.stdout).toMatch(/mean of epochs 1, 2, 3: [\d.]+%/);
    expect(report.stdout).toContain('PrivateTest not read');
    expect(report.stdout).not.toContain('PrivateTest, single view');

    const out = join(dir, 'model-avg');
    const exported = await average([...data, '--checkpoints', ck, '--last', '3', '--out', out]);
    expect(exported.stdout).toContain('PrivateTest, single view: accuracy');
    const card = JSON.parse(await readFile(join(out, 'card.json'), 'utf8'));
    expect(card.recipe.selectedEpochs).toEqual([1, 2, 3]);
    expect(card.recipe.selection).toMatch(/mean of epochs 1, 2, 3/);
    expect(card.validation.split).toBe('PublicTest');

    const epochs = await Promise.all(['epoch-001', 'epoch-002', 'epoch-003']
      .map((e) => savedWeights(join(ck, e))));
    const mean = await savedWeights(out);
    expect(mean.length).toBe(epochs[0].length);
    let changed = 0;
    for (let i = 0; i < mean.length; i += 97) {
      expect(mean[i]).toBeCloseTo((epochs[0][i] + epochs[1][i] + epochs[2][i]) / 3, 6);
      if (epochs[0][i] !== epochs[2][i]) changed++;
    }
    expect(changed).toBeGreaterThan(100);
  });

  it('stops with the line and the problem of a malformed row', async () => {
    const bad = join(dir, 'bad.csv');
    await writeFile(bad, 'emotion,pixels,Usage\n9,1 2 3,Training\n');
    const result = await pretrain(['--data', bad]);
    expect((result as { code: number }).code).toBe(1);
    expect(result.stderr).toContain('Line 2: emotion must be an integer 0-6; found "9".');
  });
});
