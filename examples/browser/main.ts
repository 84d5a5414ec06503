/**
 * The page half of the browser example: starts the training worker, draws the planar data and the
 * decision boundary on a canvas as the network learns, and shows the cost and accuracy.
 *
 * Build and serve (from the repository root, after `npm run build`):
 *
 *   npx esbuild examples/browser/main.ts examples/browser/worker.ts --bundle --format=esm --outdir=examples/browser/dist
 *   cp examples/browser/index.html examples/browser/dist/
 *   python3 -m http.server -d examples/browser/dist   # then open http://localhost:8000/
 *
 * `test/browser/browser.test.ts` does the same against the packed package, in headless Chromium.
 *
 * The page records, for tests and the curious, on `<body>`: `data-done="true"` when training has
 * finished, `data-frames` (animation frames painted while training) and `data-max-frame-gap` (the
 * longest pause between two frames, in ms): the training runs in a worker, so the page keeps painting.
 */
import type { Bounds, DataMessage, ProgressMessage, TrainRequest, WorkerMessage } from './worker.js';

/** Class colours: points (class 0, class 1) and the regions the network assigns to each. */
const COLORS = {
  point: ['#d7301f', '#2166ac'],
  region: ['#fbd5cd', '#cfe1f2'],
  outline: '#333333',
} as const;

const canvas = document.querySelector<HTMLCanvasElement>('#plot')!;
const context = canvas.getContext('2d')!;
const outputs = {
  step: document.querySelector<HTMLOutputElement>('#step')!,
  cost: document.querySelector<HTMLOutputElement>('#cost')!,
  accuracy: document.querySelector<HTMLOutputElement>('#accuracy')!,
  time: document.querySelector<HTMLOutputElement>('#time')!,
};
const status = document.querySelector<HTMLElement>('#status')!;

const params = new URLSearchParams(location.search);
const request: TrainRequest = {
  seed: Number(params.get('seed') ?? 1),
  steps: Number(params.get('steps') ?? 10_000),
  every: Number(params.get('every') ?? 250),
  grid: Number(params.get('grid') ?? 100),
  learningRate: Number(params.get('lr') ?? 1.2),
};

// Responsiveness: count animation frames and the longest gap between two while training runs.
let training = true;
let frames = 0;
let maxFrameGap = 0;
let lastFrame: number | null = null;
const tick = (now: number): void => {
  if (!training) return;
  if (lastFrame !== null) maxFrameGap = Math.max(maxFrameGap, now - lastFrame);
  lastFrame = now;
  frames++;
  document.body.dataset.frames = String(frames);
  document.body.dataset.maxFrameGap = maxFrameGap.toFixed(1);
  requestAnimationFrame(tick);
};
requestAnimationFrame(tick);

let data: DataMessage | null = null;

/** Canvas pixel of a data point. */
function toCanvas(bounds: Bounds, x: number, y: number): [number, number] {
  return [
    ((x - bounds.xMin) / (bounds.xMax - bounds.xMin)) * canvas.width,
    ((bounds.yMax - y) / (bounds.yMax - bounds.yMin)) * canvas.height,
  ];
}

const rgb = (hex: string): [number, number, number] =>
  [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
const regionRGB = COLORS.region.map(rgb);

/** The regions (ŷ ≥ 0.5 is class 1), then the points on top. */
function draw(progress: ProgressMessage | null): void {
  if (data === null) return;
  const { bounds, points, labels } = data;
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  if (progress !== null) {
    const n = progress.grid;
    const image = new ImageData(n, n);
    for (let i = 0; i < n * n; i++) {
      const [r, g, b] = regionRGB[progress.predictions[i] >= 0.5 ? 1 : 0];
      image.data.set([r, g, b, 255], 4 * i);
    }
    // Paint the grid at its own resolution, then scale it up with crisp cells.
    const cells = new OffscreenCanvas(n, n);
    cells.getContext('2d')!.putImageData(image, 0, 0);
    context.imageSmoothingEnabled = false;
    context.drawImage(cells, 0, 0, canvas.width, canvas.height);
  }
  context.lineWidth = 1;
  context.strokeStyle = COLORS.outline;
  for (let j = 0; j < labels.length; j++) {
    const [cx, cy] = toCanvas(bounds, points[2 * j], points[2 * j + 1]);
    context.beginPath();
    context.arc(cx, cy, 4.5, 0, 2 * Math.PI);
    context.fillStyle = COLORS.point[labels[j]];
    context.fill();
    context.stroke();
  }
}

function show(progress: ProgressMessage): void {
  outputs.step.value = `${progress.step} / ${progress.steps}`;
  outputs.cost.value = progress.cost.toFixed(6);
  outputs.cost.dataset.value = String(progress.cost);
  outputs.accuracy.value = `${(100 * progress.accuracy).toFixed(2)}%`;
  outputs.accuracy.dataset.value = String(progress.accuracy);
  outputs.time.value = `${(progress.trainingMs / 1000).toFixed(2)} s`;
}

let latest: ProgressMessage | null = null;
function paint(): void {
  const progress = latest!;
  latest = null;
  draw(progress);
  show(progress);
  if (progress.done) {
    training = false;
    status.textContent = 'Done.';
    document.body.dataset.done = 'true';
    worker.terminate();
  }
}

const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
worker.addEventListener('message', (event: MessageEvent<WorkerMessage>) => {
  const message = event.data;
  if (message.type === 'data') {
    data = message;
    draw(null);
  } else if (message.type === 'progress') {
    // Draw on the next frame, and only the latest report: several arriving together cost one paint.
    if (latest === null) requestAnimationFrame(paint);
    latest = message;
  } else {
    training = false;
    status.textContent = `Error: ${message.message}`;
    document.body.dataset.error = message.message;
  }
});
worker.addEventListener('error', (event) => {
  status.textContent = `Worker error: ${event.message}`;
  document.body.dataset.error = event.message || 'worker error';
});
status.textContent = `Training ${request.steps} steps of gradient descent…`;
worker.postMessage(request);
