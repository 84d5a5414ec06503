// A tiny SVG writer for 2-D classifiers: shaded predicted regions under the data points.
// Used by the examples; not part of the library.
import type { Matrix } from '../src/index.js';

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

const COLORS = { region: ['#f6c9c9', '#c9d8f6'], point: ['#c0392b', '#1f4e9c'] };

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
        `<rect x="${(start * cell).toFixed(2)}" y="${(r * cell).toFixed(2)}" width="${((c - start) * cell + 0.5).toFixed(2)}" height="${(cell + 0.5).toFixed(2)}" fill="${COLORS.region[cls]}"/>`,
      );
      start = c;
    }
  }
  for (let j = 0; j < m; j++) {
    const cx = ((xs[j] - x0) / (x1 - x0)) * size,
      cy = ((y1 - ys[j]) / (y1 - y0)) * size;
    parts.push(
      `<circle cx="${cx.toFixed(2)}" cy="${cy.toFixed(2)}" r="3" ` +
        `fill="${COLORS.point[Y.data[j] > 0.5 ? 1 : 0]}" stroke="#fff" stroke-width="0.6"/>`,
    );
  }
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size + 28}" viewBox="0 -28 ${size} ` +
      `${size + 28}" font-family="sans-serif">`,
    `<text x="8" y="-9" font-size="15">${title}</text>`,
    ...parts,
    '</svg>',
  ].join('\n');
}
