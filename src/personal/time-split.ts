/**
 * Train/validation split of a user's samples by capture time. Neighbouring webcam frames
 * are near-duplicates, so a random split would leak copies of training frames into the
 * validation set; instead each expression's *latest* captures are held out, as one block.
 */
export interface TimedSample {
  label: number;
  /** Milliseconds since the epoch. */
  capturedAt: number;
}

export interface Split<T> {
  train: T[];
  valid: T[];
}

/**
 * Per expression, the earliest `trainRatio` of samples train and the rest validate. An
 * expression with a single sample trains on it; with two or more, at least one validates.
 */
export function splitByCaptureTime<T extends TimedSample>(samples: T[], trainRatio = 0.8)
  : Split<T> {
  if (!(trainRatio > 0 && trainRatio <= 1)) {
    throw new RangeError(`trainRatio must be in (0, 1]; got ${trainRatio}.`);
  }
  const byLabel = new Map<number, T[]>();
  for (const s of samples) byLabel.set(s.label, [...(byLabel.get(s.label) ?? []), s]);
  const train: T[] = [];
  const valid: T[] = [];
  for (const group of byLabel.values()) {
    group.sort((a, b) => a.capturedAt - b.capturedAt);
    const n = group.length;
    const held = trainRatio === 1 || n < 2 ? 0 : Math.max(1, n - Math.round(n * trainRatio));
    train.push(...group.slice(0, n - held));
    valid.push(...group.slice(n - held));
  }
  return { train, valid };
}
