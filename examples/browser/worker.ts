/**
 * The training half of the browser example: a Web Worker that trains the 2-layer network on the
 * planar "flower" and streams progress to the page, so the page never blocks while it learns.
 *
 * Protocol: the page posts one {@link TrainRequest}; the worker answers with one {@link DataMessage}
 * (the points to draw and the plotting bounds), then a {@link ProgressMessage} before the first step,
 * every `every` steps and after the last (with `done: true`), or an {@link ErrorMessage}.
 */
import { BinaryCrossEntropy, Dense, Matrix, SGD, Sequential, Sigmoid, Tanh, accuracy, planar } from 'bottomup';

/** What to train. */
export interface TrainRequest {
  /** Seed of the data set (the network's layers use seeds 2 and 3, as in `npm start`). */
  seed: number;
  /** Number of full-batch gradient-descent steps. */
  steps: number;
  /** Report progress every this many steps. */
  every: number;
  /** Resolution of the decision-boundary grid: `grid × grid` predictions per report. */
  grid: number;
  /** SGD learning rate. */
  learningRate: number;
}

/** Plotting window in data coordinates. */
export interface Bounds {
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
}

/** The data set, once: `points` is `[x₀, y₀, x₁, y₁, …]`, `labels` the 0/1 classes. */
export interface DataMessage {
  type: 'data';
  points: Float64Array;
  labels: Uint8Array;
  bounds: Bounds;
}

/** Training progress. */
export interface ProgressMessage {
  type: 'progress';
  /** Steps done so far. */
  step: number;
  steps: number;
  /** Binary cross-entropy `J` of the current weights on the whole data set. */
  cost: number;
  /** Training accuracy in `[0, 1]`. */
  accuracy: number;
  /** `ŷ` on the grid, row-major, `grid` rows from `yMax` (top) down to `yMin`, columns from `xMin` to `xMax`. */
  predictions: Float64Array;
  grid: number;
  /** Whether training has finished. */
  done: boolean;
  /** Time spent in training steps so far, in milliseconds. */
  trainingMs: number;
}

/** Something went wrong (bad request, library error). */
export interface ErrorMessage {
  type: 'error';
  message: string;
}

export type WorkerMessage = DataMessage | ProgressMessage | ErrorMessage;

const send = (message: WorkerMessage, transfer: Transferable[] = []): void => postMessage(message, { transfer });

/** The grid's points as one matrix, one column per point (the course's layout). */
function gridInputs(bounds: Bounds, n: number): Matrix {
  const G = Matrix.zeros(2, n * n);
  for (let r = 0; r < n; r++) {
    const y = bounds.yMax - ((r + 0.5) / n) * (bounds.yMax - bounds.yMin);
    for (let c = 0; c < n; c++) {
      const x = bounds.xMin + ((c + 0.5) / n) * (bounds.xMax - bounds.xMin);
      G.set(0, r * n + c, x);
      G.set(1, r * n + c, y);
    }
  }
  return G;
}

async function train(request: TrainRequest): Promise<void> {
  const { X, Y } = planar({ seed: request.seed }); // X (2, 400), Y (1, 400)
  const m = X.cols;

  let xMin = Infinity,
    xMax = -Infinity,
    yMin = Infinity,
    yMax = -Infinity;
  for (let j = 0; j < m; j++) {
    xMin = Math.min(xMin, X.get(0, j));
    xMax = Math.max(xMax, X.get(0, j));
    yMin = Math.min(yMin, X.get(1, j));
    yMax = Math.max(yMax, X.get(1, j));
  }
  const bounds: Bounds = { xMin: xMin - 0.5, xMax: xMax + 0.5, yMin: yMin - 0.5, yMax: yMax + 0.5 };
  const points = new Float64Array(2 * m);
  const labels = new Uint8Array(m);
  for (let j = 0; j < m; j++) {
    points[2 * j] = X.get(0, j);
    points[2 * j + 1] = X.get(1, j);
    labels[j] = Y.get(0, j);
  }
  send({ type: 'data', points, labels, bounds }, [points.buffer, labels.buffer]);

  // The course's 2-layer network: 2 → 4 tanh → 1 sigmoid, randn·0.01 weights, zero biases.
  const model = new Sequential([
    new Dense(2, 4, { init: 'small', seed: 2 }),
    new Tanh(),
    new Dense(4, 1, { init: 'small', seed: 3 }),
    new Sigmoid(),
  ]);
  const loss = new BinaryCrossEntropy();
  const optimizer = new SGD(model.parameters(), { learningRate: request.learningRate });
  const G = gridInputs(bounds, request.grid);

  let trainingMs = 0;
  const report = (step: number): void => {
    const A = model.predict(X);
    const predictions = model.predict(G).data; // a fresh buffer, so it can be transferred
    send(
      {
        type: 'progress',
        step,
        steps: request.steps,
        cost: loss.forward(A, Y),
        accuracy: accuracy(A, Y),
        predictions,
        grid: request.grid,
        done: step === request.steps,
        trainingMs,
      },
      [predictions.buffer],
    );
  };

  report(0);
  for (let step = 1; step <= request.steps; step++) {
    const start = performance.now();
    // The explicit loop of the course.
    loss.forward(model.forward(X), Y);
    optimizer.zeroGrad();
    model.backward(loss.backward());
    optimizer.step();
    trainingMs += performance.now() - start;
    if (step % request.every === 0 || step === request.steps) {
      report(step);
      // Let the worker's event loop breathe between chunks (and the page see each frame).
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  }
}

addEventListener('message', (event: MessageEvent<TrainRequest>) => {
  train(event.data).catch((error: unknown) => {
    send({ type: 'error', message: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
  });
});
