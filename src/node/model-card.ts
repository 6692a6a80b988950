/** The model card written beside exported general-model weights. */
import { writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { SPLITS, type FerDataset } from '../data/fer-csv';
import { CLASS_NAMES, INPUT_SPEC } from '../model/architecture';
import type { ClassificationReport } from '../training/metrics';
import type { RunState } from '../training/pretrain-run';

export interface CardInputs {
  state: RunState;
  dataFile: string;
  md5: string;
  dataset: FerDataset;
  backend: string;
  /** How the exported weights were chosen, in words, and which epochs they come from. */
  selection: { rule: string; epochs: number[] };
  /** PublicTest figures of the exported weights; they decided the selection. */
  validation: { accuracy: number; loss: number } | null;
  test: ClassificationReport;
  testWithFlip: ClassificationReport;
}

export function modelCard(c: CardInputs) {
  const { state, dataset, test } = c;
  return {
    name: 'General FER-2013 expression CNN',
    date: new Date().toISOString(),
    dataset: { name: 'FER-2013', file: basename(c.dataFile), md5: c.md5,
      splitSizes: Object.fromEntries(SPLITS.map((s) => [s, dataset.splits[s].count])),
      blankImages: dataset.blankImages, duplicateImages: dataset.duplicateImages },
    recipe: { ...state.recipe, epochsRun: state.epoch,
      // Kept beside `selectedEpochs` so that readers of the one-epoch cards still work.
      selectedEpoch: c.selection.epochs.length === 1 ? c.selection.epochs[0] : null,
      selectedEpochs: c.selection.epochs, selection: c.selection.rule, backend: c.backend,
      startedFrom: state.startedFrom ?? null },
    validation: c.validation ? { split: 'PublicTest', ...c.validation } : null,
    test: { split: 'PrivateTest', accuracy: test.accuracy, loss: test.loss,
      recall: Object.fromEntries(CLASS_NAMES.map((n, i) => [n, test.recall[i]])),
      confusion: test.confusion, confusionLayout: 'rows: true class, columns: predicted',
      accuracyWithFlip: c.testWithFlip.accuracy },
    history: state.history,
    inputSpec: INPUT_SPEC,
    classNames: CLASS_NAMES,
  };
}

export async function writeModelCard(outDir: string, inputs: CardInputs): Promise<void> {
  await writeFile(join(outDir, 'card.json'), JSON.stringify(modelCard(inputs), null, 2) + '\n');
}
