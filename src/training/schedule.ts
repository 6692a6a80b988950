/**
 * Learning-rate schedule: linear warm-up to the peak, then cosine decay to a floor.
 * Warm-up keeps Adam's first, noisy steps from pushing ReLUs of a network without batch
 * normalisation into the dead zone.
 */
export interface ScheduleOptions {
  peakLearningRate: number;
  warmupSteps: number;
  totalSteps: number;
  /** Final rate as a fraction of the peak. */
  floorRatio: number;
}

export function learningRateAt(step: number, o: ScheduleOptions): number {
  if (step < o.warmupSteps) {
    return o.peakLearningRate * (0.1 + (0.9 * step) / o.warmupSteps);
  }
  const span = Math.max(1, o.totalSteps - o.warmupSteps);
  const progress = Math.min(1, (step - o.warmupSteps) / span);
  const floor = o.peakLearningRate * o.floorRatio;
  return floor + ((o.peakLearningRate - floor) * (1 + Math.cos(Math.PI * progress))) / 2;
}
