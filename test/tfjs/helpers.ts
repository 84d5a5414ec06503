// TF.js as the oracle: load artifacts with tf.loadLayersModel and predict; save a TF.js model to memory.
import * as tf from '@tensorflow/tfjs';
import { Matrix } from '../../src/matrix/index.js';
import { Random } from '../../src/random.js';

tf.setBackend('cpu');

/** What TF.js's `model.save` writes, caught in memory by `tf.io.withSaveHandler`. */
export async function saveTFJS(model: tf.LayersModel): Promise<tf.io.ModelArtifacts> {
  let saved: tf.io.ModelArtifacts | undefined;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      saved = artifacts;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
  if (saved === undefined) throw new Error('saveTFJS: the save handler was not called');
  return saved;
}

/**
 * TF.js's predictions for `X` `(n_x, m)` (bottomup's layout), back in bottomup's layout `(n_y, m)`;
 * `dims` reshapes each example for a model with a multi-dimensional input (default `[n_x]`).
 */
export function predictTFJS(model: tf.LayersModel, X: Matrix, dims: number[] = [X.rows]): Matrix {
  const xs = tf.tensor(X.transpose().toArray().flat(), [X.cols, ...dims], 'float32');
  const ys = model.predict(xs) as tf.Tensor2D;
  const rows = ys.arraySync();
  xs.dispose();
  ys.dispose();
  return Matrix.from(rows).transpose();
}

/** Loads artifacts (ours or TF.js's) with TF.js itself. */
export function loadTFJS(artifacts: tf.io.ModelArtifacts): Promise<tf.LayersModel> {
  return tf.loadLayersModel(tf.io.fromMemory(artifacts));
}

/** Random inputs `(rows, m)` in [-3, 3), float32 values (so both sides see the same numbers). */
export function float32Inputs(rows: number, m: number, seed: number): Matrix {
  const random = new Random(seed);
  const rowOf = (): number[] => Array.from({ length: m }, () => Math.fround(random.uniform(-3, 3)));
  return Matrix.from(Array.from({ length: rows }, rowOf));
}

/**
 * The worst relative difference of `a` from `b`: `|a − b| / max(|b|, 1)` — relative for outputs
 * of size 1 and above, absolute below (float32's rounding is relative to the terms summed, not to
 * a result that cancels to near zero).
 */
export function worstRelative(a: Matrix, b: Matrix): number {
  if (a.rows !== b.rows || a.cols !== b.cols) throw new Error(`shapes differ: ${a.shape} and ${b.shape}`);
  let worst = 0;
  for (let i = 0; i < a.data.length; i++) {
    const d = Math.abs(a.data[i] - b.data[i]) / Math.max(Math.abs(b.data[i]), 1);
    worst = Math.max(worst, Number.isNaN(d) ? Number.POSITIVE_INFINITY : d);
  }
  return worst;
}

export { tf };
