/**
 * Stops training once the monitored loss has not improved by at least `minDelta` for
 * `patience` consecutive epochs, and remembers the best epoch so its weights can be kept.
 */
export const EARLY_STOPPING_DEFAULTS = {
  /** The original study's threshold. */
  minDelta: 1e-5,
  /** Epochs without improvement tolerated before stopping; 0 stops at the first one. */
  patience: 2,
};
export type EarlyStoppingOptions = typeof EARLY_STOPPING_DEFAULTS;

export class EarlyStopping {
  private readonly options: EarlyStoppingOptions;
  private best = Number.POSITIVE_INFINITY;
  private stale = 0;
  bestEpoch = -1;

  constructor(options: Partial<EarlyStoppingOptions> = {}) {
    this.options = { ...EARLY_STOPPING_DEFAULTS, ...options };
  }

  /** Records the loss of `epoch`; returns true when training should stop. */
  update(epoch: number, loss: number): boolean {
    if (this.best - loss >= this.options.minDelta) {
      this.best = loss;
      this.bestEpoch = epoch;
      this.stale = 0;
      return false;
    }
    if (this.bestEpoch < 0 && Number.isFinite(loss)) {
      this.best = loss;
      this.bestEpoch = epoch;
    }
    this.stale++;
    return this.stale > this.options.patience;
  }

  /** True if `epoch` set the current best loss. */
  isBest(epoch: number): boolean {
    return epoch === this.bestEpoch;
  }
}
