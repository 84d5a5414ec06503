// The playground's training thread: a Web Worker that owns the run, trains while playing (in slices of
// a few milliseconds, so pause and step are answered at once) and streams snapshots to the page.
import { type Bounds, type LayerWeights, type Metrics, PlaygroundRun, gridPoints } from './run.js';
import type { PlaygroundState } from './state.js';

/** Side of the grid the boundary and the hidden units are evaluated on. */
export const GRID = 48;

/** Page → worker. `reset` builds a new run; `steps` trains that many epochs at once, then pauses. */
export type Command =
  | { type: 'reset'; state: PlaygroundState; steps: number | null }
  | { type: 'play' }
  | { type: 'pause' }
  | { type: 'step' }
  | { type: 'export' };

/** The points, once per run: `[x₀, y₀, x₁, y₁, …]` and 0/1 labels. */
export interface DataMessage {
  type: 'data';
  run: number;
  train: { points: Float64Array; labels: Uint8Array };
  test: { points: Float64Array; labels: Uint8Array };
  bounds: Bounds;
}

/** Where the run is: metrics since `from` (one entry per epoch, epoch 0 = before training), pictures. */
export interface SnapshotMessage {
  type: 'snapshot';
  run: number;
  epoch: number;
  playing: boolean;
  /** A `steps` request has been carried out (the page is at the requested epoch, paused). */
  settled: boolean;
  from: number;
  history: Metrics[];
  /** `P(class 1)` on the `GRID × GRID` grid, row by row from the top. */
  probability: Float64Array;
  /** Each hidden layer's `(units, GRID²)` outputs on the grid. */
  hidden: Float64Array[];
  weights: LayerWeights[];
}

export interface ModelMessage {
  type: 'model';
  json: string;
}

export interface ErrorMessage {
  type: 'error';
  message: string;
}

export type WorkerMessage = DataMessage | SnapshotMessage | ModelMessage | ErrorMessage;

/** How long one slice of training may run before the worker looks at its messages again. */
const SLICE_MS = 25;

let run: PlaygroundRun | null = null;
let runId = 0;
let history: Metrics[] = [];
let sent = 0;
let playing = false;
let target: number | null = null;
let timer: ReturnType<typeof setTimeout> | null = null;

const post = (message: WorkerMessage, transfer: Transferable[] = []): void => postMessage(message, { transfer });

function pack(X: { cols: number; data: Float64Array }, Y: { data: Float64Array }) {
  const m = X.cols;
  const points = new Float64Array(2 * m);
  const labels = new Uint8Array(m);
  for (let j = 0; j < m; j++) {
    points[2 * j] = X.data[j];
    points[2 * j + 1] = X.data[m + j];
    labels[j] = Y.data[j];
  }
  return { points, labels };
}

function snapshot(current: PlaygroundRun): void {
  const { hidden, probability } = current.look(gridPoints(current.bounds, GRID));
  const message: SnapshotMessage = {
    type: 'snapshot',
    run: runId,
    epoch: current.epoch,
    playing,
    settled: target === null,
    from: sent,
    history: history.slice(sent),
    probability,
    hidden,
    weights: current.weights(),
  };
  sent = history.length;
  post(message, [probability.buffer, ...hidden.map((h) => h.buffer)]);
}

function trainOne(current: PlaygroundRun): void {
  current.step();
  history.push(current.measure());
}

/** One slice of training: until the time is up or the target epoch is reached. */
function tick(): void {
  timer = null;
  const current = run;
  if (current === null || (!playing && target === null)) return;
  const start = performance.now();
  do {
    if (target !== null && current.epoch >= target) break;
    trainOne(current);
  } while (performance.now() - start < SLICE_MS);
  if (target !== null && current.epoch >= target) {
    target = null;
    playing = false;
  }
  snapshot(current);
  if (playing || target !== null) timer = setTimeout(guarded, 0, tick);
}

function schedule(): void {
  if (timer === null) timer = setTimeout(guarded, 0, tick);
}

/** Runs `work`, turning a library error (a diverged run, say) into a message and a pause. */
function guarded(work: () => void): void {
  try {
    work();
  } catch (error) {
    playing = false;
    target = null;
    timer = null;
    post({ type: 'error', message: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
  }
}

function handle(command: Command): void {
  switch (command.type) {
    case 'reset': {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      run = new PlaygroundRun(command.state);
      runId++;
      history = [run.measure()];
      sent = 0;
      playing = false;
      target = command.steps;
      const train = pack(run.XTrain, run.YTrain);
      const test = pack(run.XTest, run.YTest);
      post({ type: 'data', run: runId, train, test, bounds: run.bounds }, [
        train.points.buffer,
        train.labels.buffer,
        test.points.buffer,
        test.labels.buffer,
      ]);
      snapshot(run);
      if (target !== null) schedule();
      break;
    }
    case 'play':
      playing = true;
      schedule();
      break;
    case 'pause':
      playing = false;
      target = null;
      if (run !== null) snapshot(run);
      break;
    case 'step':
      if (run !== null && !playing && target === null) {
        trainOne(run);
        snapshot(run);
      }
      break;
    case 'export':
      if (run !== null) post({ type: 'model', json: JSON.stringify(run.model.toJSON()) });
      break;
  }
}

addEventListener('message', (event: MessageEvent<Command>) => guarded(() => handle(event.data)));
