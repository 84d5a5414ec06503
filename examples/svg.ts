// A tiny dependency-free SVG writer for 2-D classifiers and training runs: decision boundaries,
// learning curves and network diagrams. Shared by the Node examples (which write files to out/) and
// the playground (which puts the same markup into the page). Not part of the library.
import type { History, Matrix } from '../src/index.js';

/** The colours every picture uses: class 0 red, class 1 blue; train solid blue-grey, test orange. */
export const PALETTE = {
  region: ['#f6c9c9', '#c9d8f6'],
  point: ['#c0392b', '#1f4e9c'],
  train: '#2c3e50',
  test: '#e67e22',
  positive: '#1f4e9c',
  negative: '#c0392b',
  axis: '#888888',
  text: '#222222',
} as const;

const rgb = (hex: string): [number, number, number] => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as never;
const STRONG = [rgb(PALETTE.point[0]), rgb(PALETTE.point[1])];

/**
 * The colour of a probability `p` of class 1: strong red at 0, white at 0.5, strong blue at 1,
 * pale near the boundary (as TensorFlow's playground shades its regions).
 */
export function shade(p: number): [number, number, number] {
  const t = Math.min(1, Math.abs(2 * p - 1)) * 0.6;
  const [r, g, b] = STRONG[p >= 0.5 ? 1 : 0];
  return [Math.round(255 + (r - 255) * t), Math.round(255 + (g - 255) * t), Math.round(255 + (b - 255) * t)];
}

/** Escapes text for XML. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

const f2 = (x: number): string => x.toFixed(2);

export interface BoundaryPlot {
  /** Data, (2, m). */
  X: Matrix;
  /** Labels, (1, m) of 0/1. */
  Y: Matrix;
  /** Predicts P(class 1) for a (2, k) batch of points, returning (1, k). */
  predict: (points: Matrix) => Matrix;
  /** A title drawn at the top. */
  title: string;
  /** Grid cells per side; default 120. */
  resolution?: number;
}

/** Renders the decision boundary of `predict` over the bounding box of `X` as an SVG document. */
export function decisionBoundarySvg(
  { X, Y, predict, title, resolution = 120 }: BoundaryPlot,
  MatrixCtor: typeof Matrix,
): string {
  const m = X.cols;
  const xs = X.data.subarray(0, m),
    ys = X.data.subarray(m, 2 * m);
  const pad = 1;
  const x0 = Math.min(...xs) - pad,
    x1 = Math.max(...xs) + pad;
  const y0 = Math.min(...ys) - pad,
    y1 = Math.max(...ys) + pad;
  const size = 480,
    n = resolution,
    cell = size / n;
  // Evaluate the whole grid as one batch: one column per grid point.
  const grid = new MatrixCtor(2, n * n);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      grid.data[r * n + c] = x0 + ((c + 0.5) / n) * (x1 - x0);
      grid.data[n * n + r * n + c] = y1 - ((r + 0.5) / n) * (y1 - y0);
    }
  }
  const p = predict(grid).data;
  const parts: string[] = [];
  for (let r = 0; r < n; r++) {
    // Merge runs of equal class along a row into one rectangle.
    let start = 0;
    for (let c = 1; c <= n; c++) {
      const cls = p[r * n + start] > 0.5 ? 1 : 0;
      if (c < n && (p[r * n + c] > 0.5 ? 1 : 0) === cls) continue;
      parts.push(
        `<rect x="${f2(start * cell)}" y="${f2(r * cell)}" width="${f2((c - start) * cell + 0.5)}" height="${f2(cell + 0.5)}" fill="${PALETTE.region[cls]}"/>`,
      );
      start = c;
    }
  }
  for (let j = 0; j < m; j++) {
    const cx = ((xs[j] - x0) / (x1 - x0)) * size,
      cy = ((y1 - ys[j]) / (y1 - y0)) * size;
    parts.push(
      `<circle cx="${f2(cx)}" cy="${f2(cy)}" r="3" ` +
        `fill="${PALETTE.point[Y.data[j] > 0.5 ? 1 : 0]}" stroke="#fff" stroke-width="0.6"/>`,
    );
  }
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size + 28}" viewBox="0 -28 ${size} ` +
      `${size + 28}" font-family="sans-serif">`,
    `<text x="8" y="-9" font-size="15">${escapeXml(title)}</text>`,
    ...parts,
    '</svg>',
  ].join('\n');
}

/** One line of a chart. */
export interface Series {
  label: string;
  values: readonly number[];
  color: string;
  /** Draw dashed (the test set's curves). */
  dashed?: boolean;
}

export interface LineChart {
  title: string;
  series: readonly Series[];
  /** Pixel size of the whole chart; default 420 × 240. */
  width?: number;
  height?: number;
  /** The y range; default: the data's, from 0 when all values are positive. */
  yMin?: number;
  yMax?: number;
  /** Label of the x axis; default 'epoch'. */
  xLabel?: string;
  /** The most points drawn per line (longer series are thinned evenly); default 400. */
  maxPoints?: number;
}

/** Short tick label: 3 significant digits. */
const tick = (v: number): string => (v === 0 ? '0' : Number(v.toPrecision(3)).toString());

/** A line chart (cost or accuracy against epochs) as an SVG element with a viewBox, so it scales. */
export function lineChartSvg({
  title,
  series,
  width = 420,
  height = 240,
  yMin,
  yMax,
  xLabel = 'epoch',
  maxPoints = 400,
}: LineChart): string {
  const left = 48,
    right = 12,
    top = 26,
    bottom = 34;
  const w = width - left - right,
    h = height - top - bottom;
  const finite = series.flatMap((s) => s.values.filter(Number.isFinite));
  const n = Math.max(1, ...series.map((s) => s.values.length));
  let lo = yMin ?? Math.min(0, ...finite);
  let hi = yMax ?? (finite.length > 0 ? Math.max(...finite) : 1);
  if (!(hi > lo)) {
    lo = lo - 0.5;
    hi = lo + 1;
  }
  const x = (i: number): number => left + (n <= 1 ? 0 : (i / (n - 1)) * w);
  const y = (v: number): number => top + h - ((Math.min(hi, Math.max(lo, v)) - lo) / (hi - lo)) * h;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ` +
      `font-family="sans-serif" font-size="11" role="img" aria-label="${escapeXml(title)}">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${left}" y="16" font-size="13" fill="${PALETTE.text}">${escapeXml(title)}</text>`,
  ];
  for (let k = 0; k <= 4; k++) {
    const v = lo + ((hi - lo) * k) / 4;
    parts.push(
      `<line x1="${left}" x2="${left + w}" y1="${f2(y(v))}" y2="${f2(y(v))}" stroke="#e4e4e4"/>`,
      `<text x="${left - 5}" y="${f2(y(v) + 4)}" text-anchor="end" fill="${PALETTE.axis}">${tick(v)}</text>`,
    );
  }
  parts.push(
    `<line x1="${left}" x2="${left}" y1="${top}" y2="${top + h}" stroke="${PALETTE.axis}"/>`,
    `<line x1="${left}" x2="${left + w}" y1="${top + h}" y2="${top + h}" stroke="${PALETTE.axis}"/>`,
    `<text x="${left}" y="${top + h + 14}" fill="${PALETTE.axis}">0</text>`,
    `<text x="${left + w}" y="${top + h + 14}" text-anchor="end" fill="${PALETTE.axis}">${Math.max(0, n - 1)}</text>`,
    `<text x="${left + w / 2}" y="${top + h + 28}" text-anchor="middle" fill="${PALETTE.axis}">${escapeXml(xLabel)}</text>`,
  );
  let legendX = left + w;
  for (let s = series.length - 1; s >= 0; s--) {
    const { label, values, color, dashed } = series[s];
    const every = Math.max(1, Math.ceil(values.length / maxPoints));
    const points: string[] = [];
    for (let i = 0; i < values.length; i += every)
      if (Number.isFinite(values[i])) points.push(`${f2(x(i))},${f2(y(values[i]))}`);
    const last = values.length - 1;
    if (last >= 0 && last % every !== 0 && Number.isFinite(values[last]))
      points.push(`${f2(x(last))},${f2(y(values[last]))}`);
    const dash = dashed ? ' stroke-dasharray="5 3"' : '';
    if (points.length > 0) {
      parts.push(`<polyline fill="none" stroke="${color}" stroke-width="2"${dash} points="${points.join(' ')}"/>`);
    }
    // legend, right-aligned on the title line
    legendX -= 7 * label.length + 26;
    parts.push(
      `<line x1="${legendX}" x2="${legendX + 16}" y1="12" y2="12" stroke="${color}" stroke-width="2"${dash}/>`,
      `<text x="${legendX + 20}" y="16" fill="${PALETTE.text}">${escapeXml(label)}</text>`,
    );
  }
  parts.push('</svg>');
  return parts.join('\n');
}

/** What {@link learningCurvesSvg} draws: fit's {@link History}, or any run's per-epoch figures. */
export type Curves = Pick<History, 'loss'> & { history?: Readonly<Record<string, readonly number[]>> };

/**
 * The learning curves of a run — cost, and accuracy when recorded — for training and (when there is
 * one) validation data, side by side in one SVG document.
 */
export function learningCurvesSvg(curves: Curves, title = 'Learning curves', xLabel = 'epoch'): string {
  const cost: Series[] = [{ label: 'train', values: curves.loss, color: PALETTE.train }];
  const valLoss = curves.history?.val_loss;
  if (valLoss && valLoss.length > 0) cost.push({ label: 'test', values: valLoss, color: PALETTE.test, dashed: true });
  const charts = [lineChartSvg({ title: `${title}: cost`, series: cost, xLabel })];
  const acc = curves.history?.accuracy;
  if (acc && acc.length > 0) {
    const series: Series[] = [{ label: 'train', values: acc, color: PALETTE.train }];
    const val = curves.history?.val_accuracy;
    if (val && val.length > 0) series.push({ label: 'test', values: val, color: PALETTE.test, dashed: true });
    charts.push(lineChartSvg({ title: 'accuracy', series, yMin: 0, yMax: 1, xLabel }));
  }
  const width = 420 * charts.length;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="240" viewBox="0 0 ${width} 240">`,
    ...charts.map((c, i) => `<g transform="translate(${420 * i} 0)">\n${c}\n</g>`),
    '</svg>',
  ].join('\n');
}

/** One Dense layer's weights: `W` `(rows, cols)` row-major (`rows` outputs, `cols` inputs), `b` `(rows)`. */
export interface DenseWeights {
  rows: number;
  cols: number;
  W: ArrayLike<number>;
  b: ArrayLike<number>;
}

export interface NetworkDiagram {
  layers: readonly DenseWeights[];
  /** Labels of the columns of nodes, input first; default x₁ x₂, "hidden n", "output". */
  labels?: readonly string[];
  width?: number;
  height?: number;
}

/** Node positions of a diagram: one column per layer of units, spread evenly. */
export function nodePositions(sizes: readonly number[], width: number, height: number): [number, number][][] {
  const top = 30,
    bottom = 14,
    side = 28;
  const biggest = Math.max(...sizes);
  const gap = Math.min(46, (height - top - bottom) / Math.max(1, biggest));
  return sizes.map((size, l) => {
    const x = side + (sizes.length === 1 ? 0 : (l / (sizes.length - 1)) * (width - 2 * side));
    const y0 = top + (height - top - bottom - gap * size) / 2 + gap / 2;
    return Array.from({ length: size }, (_, i): [number, number] => [x, y0 + i * gap]);
  });
}

/**
 * The network as a diagram: a column of units per layer and an edge per weight, its width growing
 * with `|w|` (relative to the largest) and its colour the sign (blue positive, red negative); each
 * unit's fill shows its bias the same way.
 */
export function networkSvg({ layers, labels, width = 420, height = 260 }: NetworkDiagram): string {
  const sizes = layers.length === 0 ? [] : [layers[0].cols, ...layers.map((l) => l.rows)];
  const pos = nodePositions(sizes, width, height);
  let big = 1e-12;
  for (const { W, b } of layers) {
    for (let i = 0; i < W.length; i++) big = Math.max(big, Math.abs(W[i]));
    for (let i = 0; i < b.length; i++) big = Math.max(big, Math.abs(b[i]));
  }
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ` +
      `font-family="sans-serif" font-size="11" role="img" aria-label="network diagram">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
  ];
  layers.forEach(({ rows, cols, W }, l) => {
    for (let i = 0; i < rows; i++) {
      for (let j = 0; j < cols; j++) {
        const w = W[i * cols + j];
        const [x1, y1] = pos[l][j],
          [x2, y2] = pos[l + 1][i];
        const t = Math.abs(w) / big;
        parts.push(
          `<line x1="${f2(x1)}" y1="${f2(y1)}" x2="${f2(x2)}" y2="${f2(y2)}" stroke="${w >= 0 ? PALETTE.positive : PALETTE.negative}" ` +
            `stroke-width="${f2(0.5 + 5 * t)}" stroke-opacity="${f2(0.25 + 0.75 * t)}"><title>W[${l + 1}][${i}][${j}] = ${w.toPrecision(4)}</title></line>`,
        );
      }
    }
  });
  const names = labels ?? sizes.map((_, l) => (l === 0 ? 'input' : l === sizes.length - 1 ? 'output' : `hidden ${l}`));
  pos.forEach((column, l) => {
    parts.push(
      `<text x="${f2(column[0]?.[0] ?? 0)}" y="14" text-anchor="middle" fill="${PALETTE.text}">${escapeXml(names[l] ?? '')}</text>`,
    );
    column.forEach(([x, y], i) => {
      const bias = l === 0 ? 0.5 : 0.5 + layers[l - 1].b[i] / (2 * big);
      const [r, g, b] = shade(bias);
      parts.push(
        `<circle cx="${f2(x)}" cy="${f2(y)}" r="9" fill="rgb(${r},${g},${b})" stroke="${PALETTE.text}" stroke-width="1.2"/>`,
      );
      if (l === 0)
        parts.push(`<text x="${f2(x)}" y="${f2(y + 4)}" text-anchor="middle" fill="${PALETTE.text}">x${i + 1}</text>`);
    });
  });
  parts.push('</svg>');
  return parts.join('\n');
}
