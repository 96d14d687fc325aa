/**
 * Multinomial logistic regression for a handful of dense features, fitted by batch gradient descent with an L2
 * penalty. It stacks the sentiment evidence (lexicon mass, classifier probabilities) into calibrated class
 * probabilities; with a few features and a few hundred examples it fits in milliseconds.
 */
export interface SoftmaxModel {
  /** weights[class][feature]; feature 0 is the bias (input 1). */
  readonly weights: number[][];
}

export interface SoftmaxOptions {
  readonly l2?: number;
  readonly epochs?: number;
  readonly rate?: number;
  /** Weigh each class inversely to its frequency, which favours macro-averaged scores. */
  readonly balanced?: boolean;
}

export function softmaxProbabilities(model: SoftmaxModel, x: readonly number[]): number[] {
  const z = model.weights.map((w) => {
    let s = w[0];
    for (let j = 0; j < x.length; j++) s += w[j + 1] * x[j];
    return s;
  });
  const max = Math.max(...z);
  const e = z.map((v) => Math.exp(v - max));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
}

export function trainSoftmax(
  xs: readonly (readonly number[])[],
  ys: readonly number[],
  classes: number,
  options: SoftmaxOptions = {},
): SoftmaxModel {
  const l2 = options.l2 ?? 0.01;
  const epochs = options.epochs ?? 400;
  const rate = options.rate ?? 0.5;
  const dims = (xs[0]?.length ?? 0) + 1;
  const weights = Array.from({ length: classes }, () => new Array<number>(dims).fill(0));
  const n = Math.max(1, xs.length);
  const counts = new Array<number>(classes).fill(0);
  for (const y of ys) counts[y]++;
  const present = counts.filter((c) => c > 0).length;
  const classWeight = counts.map((c) => (options.balanced && c > 0 ? n / (present * c) : 1));
  for (let epoch = 0; epoch < epochs; epoch++) {
    const grad = Array.from({ length: classes }, () => new Array<number>(dims).fill(0));
    xs.forEach((x, i) => {
      const p = softmaxProbabilities({ weights }, x);
      for (let c = 0; c < classes; c++) {
        const err = (p[c] - (ys[i] === c ? 1 : 0)) * classWeight[ys[i]];
        grad[c][0] += err;
        for (let j = 1; j < dims; j++) grad[c][j] += err * x[j - 1];
      }
    });
    for (let c = 0; c < classes; c++) {
      for (let j = 0; j < dims; j++) {
        const penalty = j === 0 ? 0 : l2 * weights[c][j];
        weights[c][j] -= rate * (grad[c][j] / n + penalty);
      }
    }
  }
  return { weights: weights.map((w) => w.map((v) => Math.round(v * 10000) / 10000)) };
}
