// The playground page: the form, the URL, and the pictures. Training runs in worker.ts; this thread only
// draws, so the page never freezes.
//
// For tests and the curious, <body> carries data-run (a counter of resets), data-epoch, data-playing and
// data-settled ("true" once a `steps=N` link has trained its N epochs), and each number shown has its
// exact value in data-value.
import { PALETTE, lineChartSvg, networkSvg, shade } from '../svg.js';
import { generateCode } from './code.js';
import type { Metrics } from './run.js';
import {
  ACTIVATIONS,
  DATASETS,
  INITIALIZERS,
  LEARNING_RATES,
  MAX_LAYERS,
  MAX_UNITS,
  OPTIMIZERS,
  OUTPUTS,
  type PlaygroundState,
  SIZES,
  decodeState,
  encodeState,
  validateState,
} from './state.js';
import type { Command, DataMessage, SnapshotMessage, WorkerMessage } from './worker.js';

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

const decoded = decodeState(location.search);
let state: PlaygroundState = decoded.state;
let runId = 0;
let data: DataMessage | null = null;
let latest: SnapshotMessage | null = null;
let curves: Metrics[] = [];
let epoch = 0;
let playing = false;
let unitCanvases: HTMLCanvasElement[][] = [];

const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
const send = (command: Command): void => worker.postMessage(command);

const status = $<HTMLParagraphElement>('status');
const READY = 'Ready: press Play (space) or Step (s).';
/** What the link had that the page could not read: said until the first change. */
let notice = decoded.ignored.length > 0 ? ` Ignored in the link: ${decoded.ignored.join(', ')}.` : '';
function say(text: string, error = false): void {
  status.textContent = text + notice;
  status.classList.toggle('error', error);
}

// ---- the form ---------------------------------------------------------------------------------

const LABELS: Record<string, string> = {
  circles: 'Circles',
  moons: 'Moons',
  xor: 'XOR',
  spiral: 'Spiral',
  blobs: 'Blobs',
  planar: 'Planar flower (the course)',
  tanh: 'tanh',
  relu: 'ReLU',
  'leaky-relu': 'leaky ReLU',
  sigmoid: 'sigmoid',
  elu: 'ELU',
  silu: 'SiLU',
  gelu: 'GELU',
  linear: 'linear (identity)',
  logits: 'linear + BCE from logits',
  softmax: 'softmax (2 units) + CCE',
  xavier: 'Xavier/Glorot',
  he: 'He',
  lecun: 'LeCun',
  small: 'small (randn·0.01)',
  zeros: 'zeros',
  sgd: 'SGD',
  momentum: 'SGD + momentum 0.9',
  adam: 'Adam',
  rmsprop: 'RMSprop',
  adagrad: 'Adagrad',
};
LABELS['sigmoid-output'] = 'sigmoid + BCE';

function fill(id: string, values: readonly (string | number)[], label = (v: string) => LABELS[v] ?? v): void {
  const select = $<HTMLSelectElement>(id);
  select.replaceChildren(
    ...values.map((v) => {
      const option = document.createElement('option');
      option.value = String(v);
      option.textContent = label(String(v));
      return option;
    }),
  );
}
fill('dataset', DATASETS);
fill('activation', ACTIVATIONS);
fill('output', OUTPUTS, (v) => (v === 'sigmoid' ? LABELS['sigmoid-output'] : LABELS[v]));
fill('init', INITIALIZERS);
fill('optimizer', OPTIMIZERS);

/** Puts the state into the form. */
function showState(): void {
  fill(
    'm',
    [...new Set([...SIZES, state.m])].sort((a, b) => a - b),
  );
  fill(
    'learningRate',
    [...new Set([...LEARNING_RATES, state.learningRate])].sort((a, b) => a - b),
  );
  for (const key of ['dataset', 'm', 'noise', 'trainPercent', 'seed', 'activation', 'output', 'init'] as const)
    $<HTMLInputElement>(key).value = String(state[key]);
  for (const key of ['optimizer', 'learningRate', 'batchSize', 'l2', 'dropout'] as const)
    $<HTMLInputElement>(key).value = String(state[key]);
  $<HTMLInputElement>('noise').disabled = state.dataset === 'planar';
  $<HTMLInputElement>('noise').title = `noise ${state.noise}`;
  $<HTMLInputElement>('trainPercent').title = `${state.trainPercent}% for training`;
  $('data-hint').textContent =
    state.dataset === 'planar'
      ? "The course's flower has its own noise; the slider does nothing here."
      : state.dataset === 'blobs'
        ? `Noise sets the clusters' spread. Training share ${state.trainPercent}%.`
        : `Noise ${state.noise}; training share ${state.trainPercent}%.`;
  const list = $<HTMLUListElement>('layers');
  list.replaceChildren(
    ...state.hidden.map((units, l) => {
      const item = document.createElement('li');
      const count = document.createElement('span');
      count.className = 'count';
      count.textContent = `Layer ${l + 1}: ${units}`;
      const fewer = button('−', `fewer units in hidden layer ${l + 1}`, units <= 1, () => setUnits(l, units - 1));
      const more = button('+', `more units in hidden layer ${l + 1}`, units >= MAX_UNITS, () => setUnits(l, units + 1));
      item.append(count, fewer, more);
      return item;
    }),
  );
  if (state.hidden.length === 0) {
    const item = document.createElement('li');
    item.textContent = 'No hidden layer: logistic regression.';
    list.append(item);
  }
  $<HTMLButtonElement>('add-layer').disabled = state.hidden.length >= MAX_LAYERS;
  $<HTMLButtonElement>('remove-layer').disabled = state.hidden.length === 0;
}

function button(text: string, label: string, disabled: boolean, onClick: () => void): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = text;
  b.setAttribute('aria-label', label);
  b.disabled = disabled;
  b.addEventListener('click', onClick);
  return b;
}

/** Replaces the state (when valid), updates the form and the link, and starts a fresh run. */
function apply(next: PlaygroundState, keepFocus?: string): void {
  const problems = validateState(next);
  if (problems.length > 0) {
    say(`Not applied: check ${problems.join(', ')}.`, true);
    showState();
    return;
  }
  state = next;
  notice = '';
  showState();
  if (keepFocus) document.getElementById(keepFocus)?.focus();
  restart(null);
}

function setUnits(layer: number, units: number): void {
  const hidden = [...state.hidden];
  hidden[layer] = units;
  const focus = document.activeElement?.getAttribute('aria-label') ?? '';
  apply({ ...state, hidden });
  // the list was rebuilt: put the focus back on the same button
  document.querySelector<HTMLButtonElement>(`[aria-label="${focus}"]:not(:disabled)`)?.focus();
}

$<HTMLFormElement>('controls').addEventListener('change', (event) => {
  const target = event.target as HTMLInputElement;
  const key = target.name as keyof PlaygroundState;
  if (!key) return;
  const numeric = !['dataset', 'activation', 'output', 'init', 'optimizer'].includes(key);
  apply({ ...state, [key]: numeric ? Number(target.value) : target.value } as PlaygroundState, target.id);
});
$('add-layer').addEventListener('click', () => apply({ ...state, hidden: [...state.hidden, 2] }, 'add-layer'));
$('remove-layer').addEventListener('click', () => {
  const next = { ...state, hidden: state.hidden.slice(0, -1) };
  apply(next, next.hidden.length === 0 ? 'add-layer' : 'remove-layer');
});

// ---- transport ------------------------------------------------------------------------------

function setPlaying(on: boolean): void {
  playing = on;
  const play = $<HTMLButtonElement>('play');
  play.textContent = on ? 'Pause' : 'Play';
  play.setAttribute('aria-pressed', String(on));
  document.body.dataset.playing = String(on);
}

function restart(steps: number | null): void {
  runId++;
  curves = [];
  epoch = 0;
  data = null;
  latest = null;
  setPlaying(false);
  document.body.dataset.settled = String(steps === null);
  send({ type: 'reset', state, steps });
  updateLink();
  say(steps === null ? READY : `Training ${steps} epochs…`);
}

const togglePlay = (): void => {
  setPlaying(!playing);
  send({ type: playing ? 'play' : 'pause' });
  if (playing) say('Training… (space pauses)');
};
const stepOnce = (): void => {
  if (playing) togglePlay();
  send({ type: 'step' });
};
$('play').addEventListener('click', togglePlay);
$('step').addEventListener('click', stepOnce);
$('reset').addEventListener('click', () => restart(null));

document.addEventListener('keydown', (event) => {
  const target = event.target as HTMLElement;
  if (event.ctrlKey || event.metaKey || event.altKey || target.closest('input, select, textarea, button, pre, a'))
    return;
  if (event.key === ' ') togglePlay();
  else if (event.key === 's') stepOnce();
  else if (event.key === 'r') restart(null);
  else return;
  event.preventDefault();
});

/** The address bar: the state, and when paused the epoch, so the link reproduces this very point. */
function updateLink(): void {
  const query = encodeState(state, !playing && epoch > 0 ? epoch : null);
  history.replaceState(null, '', `?${query}`);
}

// ---- code and model -------------------------------------------------------------------------

const codeBox = $<HTMLDivElement>('code-box');
const showCode = (): void => {
  $('code').textContent = generateCode(state, epoch);
};
$('show-code').addEventListener('click', () => {
  codeBox.hidden = !codeBox.hidden;
  $('show-code').setAttribute('aria-expanded', String(!codeBox.hidden));
  $('show-code').textContent = codeBox.hidden ? 'Show the code' : 'Hide the code';
  if (!codeBox.hidden) showCode();
});
$('copy-code').addEventListener('click', async () => {
  const code = generateCode(state, epoch);
  try {
    await navigator.clipboard.writeText(code);
    say(`Copied the code for epoch ${epoch}.`);
  } catch {
    codeBox.hidden = false;
    showCode();
    getSelection()?.selectAllChildren($('code'));
    say('The browser refused the clipboard: the code is selected, press Ctrl+C.');
  }
});
$('export-model').addEventListener('click', () => send({ type: 'export' }));

function saveModel(json: string): void {
  $<HTMLDivElement>('model-box').hidden = false;
  $<HTMLTextAreaElement>('model-json').value = json;
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([json], { type: 'application/json' }));
  link.download = `bottomup-${state.dataset}-epoch-${epoch}.json`;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  say(`Exported the model at epoch ${epoch}.`);
}

// ---- drawing ----------------------------------------------------------------------------------

const boundary = $<HTMLCanvasElement>('boundary');
const context = boundary.getContext('2d')!;

/** An `n × n` heat map of values already mapped to [0, 1], painted over the whole canvas. */
function paintHeat(canvas: HTMLCanvasElement, values: ArrayLike<number>, n: number): void {
  const image = new ImageData(n, n);
  for (let i = 0; i < n * n; i++) {
    const [r, g, b] = shade(values[i]);
    image.data[4 * i] = r;
    image.data[4 * i + 1] = g;
    image.data[4 * i + 2] = b;
    image.data[4 * i + 3] = 255;
  }
  const cells = new OffscreenCanvas(n, n);
  cells.getContext('2d')!.putImageData(image, 0, 0);
  const target = canvas.getContext('2d')!;
  target.imageSmoothingEnabled = true;
  target.drawImage(cells, 0, 0, canvas.width, canvas.height);
}

function drawPoints(points: Float64Array, labels: Uint8Array, ring: string): void {
  if (data === null) return;
  const { xMin, xMax, yMin, yMax } = data.bounds;
  const w = boundary.width,
    h = boundary.height;
  context.lineWidth = 1.5;
  context.strokeStyle = ring;
  for (let j = 0; j < labels.length; j++) {
    const x = ((points[2 * j] - xMin) / (xMax - xMin)) * w;
    const y = ((yMax - points[2 * j + 1]) / (yMax - yMin)) * h;
    context.beginPath();
    context.arc(x, y, 4, 0, 2 * Math.PI);
    context.fillStyle = PALETTE.point[labels[j]];
    context.fill();
    context.stroke();
  }
}

/** Each hidden unit's output mapped to [0, 1]: tanh from [−1, 1], sigmoid as is, others by their largest |value|. */
function unitShades(values: Float64Array, unit: number, k: number): Float64Array {
  const out = new Float64Array(k);
  const row = values.subarray(unit * k, (unit + 1) * k);
  if (state.activation === 'sigmoid') out.set(row);
  else {
    let big = 1e-12;
    if (state.activation === 'tanh') big = 1;
    else for (let i = 0; i < k; i++) big = Math.max(big, Math.abs(row[i]));
    for (let i = 0; i < k; i++) out[i] = 0.5 + row[i] / (2 * big);
  }
  return out;
}

function buildUnits(): void {
  const box = $<HTMLDivElement>('units');
  unitCanvases = state.hidden.map(() => []);
  box.replaceChildren(
    ...state.hidden.map((units, l) => {
      const figure = document.createElement('figure');
      const row = document.createElement('div');
      row.className = 'layer';
      for (let i = 0; i < units; i++) {
        const canvas = document.createElement('canvas');
        canvas.width = 48;
        canvas.height = 48;
        canvas.setAttribute('role', 'img');
        canvas.setAttribute('aria-label', `output of unit ${i + 1} of hidden layer ${l + 1}`);
        unitCanvases[l].push(canvas);
        row.append(canvas);
      }
      const caption = document.createElement('figcaption');
      caption.textContent = `hidden layer ${l + 1}`;
      figure.append(row, caption);
      return figure;
    }),
  );
  if (state.hidden.length === 0) box.textContent = 'No hidden layer.';
}

const percent = (x: number): string => `${(100 * x).toFixed(1)}%`;
function showNumber(id: string, value: number | undefined, format: (x: number) => string): void {
  const out = $<HTMLOutputElement>(id);
  out.value = value === undefined ? '–' : format(value);
  out.dataset.value = value === undefined ? '' : String(value);
}

function paint(): void {
  const snap = latest;
  latest = null;
  if (snap === null || data === null || snap.run !== runId) return;
  const n = Math.round(Math.sqrt(snap.probability.length));
  paintHeat(boundary, snap.probability, n);
  drawPoints(data.train.points, data.train.labels, '#ffffff');
  drawPoints(data.test.points, data.test.labels, '#111111');
  const k = n * n;
  snap.hidden.forEach((values, l) => {
    unitCanvases[l]?.forEach((canvas, i) => paintHeat(canvas, unitShades(values, i, k), n));
  });
  const series = (pick: (h: Metrics) => number, label: string, color: string, dashed = false) => ({
    label,
    values: curves.map(pick),
    color,
    dashed,
  });
  $('cost-chart').innerHTML = lineChartSvg({
    title: 'cost',
    series: [series((h) => h.trainCost, 'train', PALETTE.train), series((h) => h.testCost, 'test', PALETTE.test, true)],
    height: 200,
  });
  $('accuracy-chart').innerHTML = lineChartSvg({
    title: 'accuracy',
    series: [
      series((h) => h.trainAccuracy, 'train', PALETTE.train),
      series((h) => h.testAccuracy, 'test', PALETTE.test, true),
    ],
    yMin: 0,
    yMax: 1,
    height: 200,
  });
  $('network').innerHTML = networkSvg({ layers: snap.weights });
  const now = curves.at(-1);
  showNumber('epoch', epoch, String);
  showNumber('train-cost', now?.trainCost, (x) => x.toFixed(4));
  showNumber('test-cost', now?.testCost, (x) => x.toFixed(4));
  showNumber('train-accuracy', now?.trainAccuracy, percent);
  showNumber('test-accuracy', now?.testAccuracy, percent);
  if (!codeBox.hidden) showCode();
}

worker.addEventListener('message', (event: MessageEvent<WorkerMessage>) => {
  const message = event.data;
  if (message.type === 'error') {
    setPlaying(false);
    say(`Stopped: ${message.message}`, true);
    document.body.dataset.error = message.message;
    return;
  }
  if (message.type === 'model') {
    saveModel(message.json);
    return;
  }
  // A run's messages carry the worker's count of resets; the page counts its own the same way.
  if (message.run !== runId) return;
  if (message.type === 'data') {
    data = message;
    buildUnits();
    return;
  }
  curves.length = message.from;
  curves.push(...message.history);
  epoch = message.epoch;
  document.body.dataset.run = String(runId);
  document.body.dataset.epoch = String(epoch);
  if (message.settled) document.body.dataset.settled = 'true';
  if (message.settled && !message.playing) {
    say(epoch === 0 ? READY : `Paused at epoch ${epoch}.`);
    updateLink();
  }
  if (latest === null) requestAnimationFrame(paint);
  latest = message;
});
worker.addEventListener('error', (event) => {
  say(`Worker error: ${event.message}`, true);
  document.body.dataset.error = event.message || 'worker error';
});

// ---- start ----------------------------------------------------------------------------------

showState();
restart(decoded.steps);
