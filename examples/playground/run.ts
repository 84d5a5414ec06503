// One playground run: the data, the split, the network, the loss and the optimizer of a state, one
// epoch per `step()`, and the numbers and pictures the page shows. Runs in the Web Worker and in Node
// (the tests), from the library's public API only.
import * as bottomup from '../../src/index.js';
import {
  type Dataset,
  Dense,
  Dropout,
  type Layer,
  type Loss,
  Matrix,
  type Optimizer,
  type Parameter,
  Random,
  Sequential,
  accuracy,
  gatherColumns,
  oneHot,
  trainTestSplit,
} from '../../src/index.js';
import {
  ACTIVATION_CLASSES,
  accuracyOptions,
  datasetCall,
  dropoutSeed,
  fullBatch,
  layerSizes,
  lossCall,
  optimizerCall,
  outputActivation,
  regularizer,
  splitOptions,
} from './recipe.js';
import type { PlaygroundState } from './state.js';

/** Cost and accuracy on the training and the test set, measured after an epoch. */
export interface Metrics {
  trainCost: number;
  trainAccuracy: number;
  testCost: number;
  testAccuracy: number;
}

/** The plotting window in data coordinates. */
export interface Bounds {
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
}

/** One Dense layer's weights for the diagram: `W` `(rows, cols)` row-major, `b` `(rows)`. */
export interface LayerWeights {
  rows: number;
  cols: number;
  W: Float64Array;
  b: Float64Array;
}

type Ctor<T> = new (...args: never[]) => T;
const library = bottomup as unknown as Record<string, unknown>;
/** A class exported by the library, by name (the names come from recipe.ts). */
const exported = <T>(name: string): Ctor<T> => library[name] as Ctor<T>;

/**
 * Builds the state's network: Dense layers (with the L2 regularizer when λ > 0) with the hidden
 * activation between, each followed by a Dropout when the rate is > 0, the output on top.
 */
export function buildModel(s: PlaygroundState, random: Random): Sequential {
  const sizes = layerSizes(s);
  const l2 = regularizer(s);
  const layers: Layer[] = [];
  for (let l = 1; l < sizes.length; l++) {
    const hidden = l < sizes.length - 1;
    const options = l2 === null ? { init: s.init, seed: random } : { init: s.init, seed: random, regularizer: l2 };
    layers.push(new Dense(sizes[l - 1], sizes[l], options));
    const activation = hidden ? ACTIVATION_CLASSES[s.activation] : outputActivation(s);
    if (activation !== null) layers.push(new (exported<Layer>(activation) as new () => Layer)());
    if (hidden && s.dropout > 0) layers.push(new Dropout(s.dropout, { seed: dropoutSeed(s, l) }));
  }
  return new Sequential(layers);
}

export class PlaygroundRun {
  readonly state: PlaygroundState;
  readonly XTrain: Matrix;
  readonly YTrain: Matrix;
  readonly XTest: Matrix;
  readonly YTest: Matrix;
  /** What the loss compares with: the labels, or their one-hot columns for softmax. */
  readonly TTrain: Matrix;
  readonly TTest: Matrix;
  readonly model: Sequential;
  readonly loss: Loss;
  readonly optimizer: Optimizer;
  /** The plotting window: the data's bounding box and a margin. */
  readonly bounds: Bounds;
  /** Epochs trained so far. */
  epoch = 0;
  private readonly random: Random;
  private readonly order: Int32Array;
  private readonly threshold: { threshold?: number };

  constructor(state: PlaygroundState) {
    this.state = state;
    const random = new Random(state.seed);
    this.random = random;
    const data = datasetCall(state);
    const make = library[data.name] as (options: object) => Dataset;
    const { X, Y } = make({ ...data.options, seed: random });
    const split = trainTestSplit(X, Y, { ...splitOptions(state), seed: random });
    this.XTrain = split.XTrain;
    this.YTrain = split.YTrain;
    this.XTest = split.XTest;
    this.YTest = split.YTest;
    const softmax = state.output === 'softmax';
    this.TTrain = softmax ? oneHot(this.YTrain, 2) : this.YTrain;
    this.TTest = softmax ? oneHot(this.YTest, 2) : this.YTest;
    this.model = buildModel(state, random);
    const lossSpec = lossCall(state);
    this.loss = new (exported<Loss>(lossSpec.name) as new (o: object) => Loss)(lossSpec.options);
    const opt = optimizerCall(state);
    const OptimizerClass = exported<Optimizer>(opt.name) as new (p: Parameter[], o: object) => Optimizer;
    this.optimizer = new OptimizerClass(this.model.parameters(), opt.options);
    this.threshold = accuracyOptions(state);
    const m = this.XTrain.cols;
    this.order = Int32Array.from({ length: m }, (_, j) => j);
    this.bounds = boundsOf(X, 0.15);
  }

  /**
   * One epoch in training mode (dropout drops): a pass over the training set in shuffled mini-batches
   * (or one full-batch step). The L2 term's gradient is added by the Dense layers' backward.
   */
  step(): void {
    const { model, loss, optimizer, XTrain, TTrain } = this;
    model.train();
    if (fullBatch(this.state)) {
      loss.forward(model.forward(XTrain), TTrain);
      optimizer.zeroGrad();
      model.backward(loss.backward());
      optimizer.step();
    } else {
      const m = XTrain.cols,
        size = this.state.batchSize;
      this.random.shuffle(this.order);
      for (let start = 0; start < m; start += size) {
        const batch = this.order.subarray(start, start + size);
        const Xb = gatherColumns(XTrain, batch);
        const Yb = gatherColumns(TTrain, batch);
        loss.forward(model.forward(Xb), Yb);
        optimizer.zeroGrad();
        model.backward(loss.backward());
        optimizer.step();
      }
    }
    this.epoch++;
  }

  /**
   * The cost (with the L2 term `model.penalty(m)` for the set's `m`, as `evaluate` does) and the
   * accuracy of the current weights on both sets, in evaluation mode (`predict`: no dropout).
   */
  measure(): Metrics {
    const { model, loss } = this;
    const Ptrain = model.predict(this.XTrain);
    const Ptest = model.predict(this.XTest);
    return {
      trainCost: loss.forward(Ptrain, this.TTrain) + model.penalty(this.XTrain.cols),
      trainAccuracy: accuracy(Ptrain, this.TTrain, this.threshold),
      testCost: loss.forward(Ptest, this.TTest) + model.penalty(this.XTest.cols),
      testAccuracy: accuracy(Ptest, this.TTest, this.threshold),
    };
  }

  /**
   * Every hidden unit's output and the network's `P(class 1)` at the points `G` `(2, k)`: one
   * `(units, k)` array per hidden layer (row-major), then the probabilities. Runs in evaluation mode
   * (dropout is the identity); the next `step()` switches back to training mode.
   */
  look(G: Matrix): { hidden: Float64Array[]; probability: Float64Array } {
    const layers = this.model.eval().layers;
    const hidden: Float64Array[] = [];
    // each hidden layer is Dense, activation (and Dropout when on)
    const stride = this.state.dropout > 0 ? 3 : 2;
    let A = G;
    for (let i = 0; i < layers.length; i++) {
      A = layers[i].forward(A);
      // after each hidden activation
      if (i % stride === 1 && hidden.length < this.state.hidden.length) hidden.push(A.data.slice());
    }
    const k = G.cols;
    const probability = new Float64Array(k);
    for (let j = 0; j < k; j++) {
      if (this.state.output === 'softmax') probability[j] = A.data[k + j];
      else if (this.state.output === 'logits') probability[j] = 1 / (1 + Math.exp(-A.data[j]));
      else probability[j] = A.data[j];
    }
    return { hidden, probability };
  }

  /** The Dense layers' weights and biases, first to last. */
  weights(): LayerWeights[] {
    return this.model.layers
      .filter((layer): layer is Dense => layer instanceof Dense)
      .map((d) => ({
        rows: d.weight.value.rows,
        cols: d.weight.value.cols,
        W: d.weight.value.data.slice(),
        b: d.bias?.value.data.slice() ?? new Float64Array(d.weight.value.rows),
      }));
  }
}

/** The bounding box of the columns of `X` `(2, m)`, widened by `margin` of its size on every side. */
export function boundsOf(X: Matrix, margin: number): Bounds {
  const m = X.cols;
  let xMin = Infinity,
    xMax = -Infinity,
    yMin = Infinity,
    yMax = -Infinity;
  for (let j = 0; j < m; j++) {
    const x = X.data[j],
      y = X.data[m + j];
    if (x < xMin) xMin = x;
    if (x > xMax) xMax = x;
    if (y < yMin) yMin = y;
    if (y > yMax) yMax = y;
  }
  // a square window, so circles look round
  const half = (Math.max(xMax - xMin, yMax - yMin) / 2) * (1 + 2 * margin);
  const cx = (xMin + xMax) / 2,
    cy = (yMin + yMax) / 2;
  return { xMin: cx - half, xMax: cx + half, yMin: cy - half, yMax: cy + half };
}

/** `n × n` grid points over the window as one `(2, n²)` matrix, row by row from the top (yMax). */
export function gridPoints(b: Bounds, n: number): Matrix {
  const G = new Matrix(2, n * n);
  for (let r = 0; r < n; r++) {
    const y = b.yMax - ((r + 0.5) / n) * (b.yMax - b.yMin);
    for (let c = 0; c < n; c++) {
      G.data[r * n + c] = b.xMin + ((c + 0.5) / n) * (b.xMax - b.xMin);
      G.data[n * n + r * n + c] = y;
    }
  }
  return G;
}
