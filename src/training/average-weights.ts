/**
 * Mean of several weight sets of one architecture. Averaging the weights of the last epochs
 * of a decaying learning-rate schedule lands nearer the centre of the minimum the run has
 * been circling, which tends to generalise better than any single epoch; the network has no
 * batch-norm statistics, so the plain mean is the whole story.
 */
export interface NamedWeights {
  name: string;
  shape: number[];
  values: Float32Array;
}

export function averageWeights(sets: NamedWeights[][]): NamedWeights[] {
  if (sets.length === 0) throw new Error('averageWeights: no weight sets given.');
  const [first, ...rest] = sets;
  for (const [i, set] of rest.entries()) {
    if (set.length !== first.length) {
      throw new Error(`Weight set ${i + 2} has ${set.length} tensors; the first has ` +
        `${first.length}: not the same architecture.`);
    }
    set.forEach((w, j) => {
      if (w.name !== first[j].name || w.shape.join('x') !== first[j].shape.join('x')) {
        throw new Error(`Weight set ${i + 2} holds ${w.name} [${w.shape}] where the first ` +
          `holds ${first[j].name} [${first[j].shape}]: not the same architecture.`);
      }
    });
  }
  return first.map((w, j) => {
    // Summed in float64 so that the order of the sets does not change the result.
    const sum = new Float64Array(w.values.length);
    for (const set of sets) {
      const v = set[j].values;
      for (let k = 0; k < v.length; k++) sum[k] += v[k];
    }
    const mean = new Float32Array(sum.length);
    for (let k = 0; k < sum.length; k++) mean[k] = sum[k] / sets.length;
    return { name: w.name, shape: [...w.shape], values: mean };
  });
}
