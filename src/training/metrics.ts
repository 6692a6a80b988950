/** Classification metrics over softmax outputs. Pure functions over typed arrays. */
import { CLASS_NAMES, NUM_CLASSES } from '../model/architecture';

export interface ClassificationReport {
  count: number;
  accuracy: number;
  /** Mean negative log-likelihood of the true class. */
  loss: number;
  /** recall[c] = correct predictions of class c / images of class c (NaN if none). */
  recall: number[];
  /** confusion[trueClass][predictedClass] = image count. */
  confusion: number[][];
}

export function argMax(values: ArrayLike<number>, offset: number, length: number): number {
  let best = 0;
  for (let i = 1; i < length; i++) if (values[offset + i] > values[offset + best]) best = i;
  return best;
}

/** `probabilities` holds `labels.length` rows of NUM_CLASSES values. */
export function classificationReport(
  probabilities: Float32Array, labels: ArrayLike<number>,
): ClassificationReport {
  const confusion = CLASS_NAMES.map(() => new Array<number>(NUM_CLASSES).fill(0));
  let nll = 0;
  for (let i = 0; i < labels.length; i++) {
    const predicted = argMax(probabilities, i * NUM_CLASSES, NUM_CLASSES);
    confusion[labels[i]][predicted]++;
    nll -= Math.log(Math.max(probabilities[i * NUM_CLASSES + labels[i]], 1e-7));
  }
  const correct = confusion.reduce((n, row, c) => n + row[c], 0);
  const recall = confusion.map((row, c) => {
    const total = row.reduce((a, b) => a + b, 0);
    return total === 0 ? Number.NaN : row[c] / total;
  });
  const count = labels.length;
  return { count, accuracy: count ? correct / count : Number.NaN, loss: nll / count, recall,
    confusion };
}

const pct = (x: number) => (Number.isNaN(x) ? '  n/a' : `${(100 * x).toFixed(1)}%`);

/** A plain-text table: accuracy, per-class recall and the confusion matrix. */
export function formatReport(report: ClassificationReport, title: string): string {
  const width = 9;
  const cell = (s: string | number) => String(s).padStart(width);
  const lines = [
    `${title}: accuracy ${pct(report.accuracy)} on ${report.count} images ` +
      `(loss ${report.loss.toFixed(4)})`,
    '',
    'recall per class:',
    ...CLASS_NAMES.map((name, c) => `  ${name.padEnd(9)}${pct(report.recall[c]).padStart(7)}`),
    '',
    'confusion matrix (rows: true class, columns: predicted):',
    `${''.padEnd(10)}${CLASS_NAMES.map((n) => cell(n)).join('')}`,
    ...report.confusion.map((row, c) =>
      `${CLASS_NAMES[c].padEnd(10)}${row.map((v) => cell(v)).join('')}`),
  ];
  return lines.join('\n');
}
