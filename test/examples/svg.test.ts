// The examples' SVG writer (examples/svg.ts), shared by npm start and the playground.
import { describe, expect, it } from 'vitest';
import {
  PALETTE,
  decisionBoundarySvg,
  escapeXml,
  learningCurvesSvg,
  lineChartSvg,
  networkSvg,
  shade,
} from '../../examples/svg.js';
import { BinaryCrossEntropy, Dense, Matrix, SGD, Sequential, Sigmoid, fit, moons } from '../../src/index.js';

const count = (svg: string, tag: string): number => svg.split(`<${tag} `).length - 1;
const polylinePoints = (svg: string): string[][] =>
  [...svg.matchAll(/<polyline [^>]*points="([^"]*)"/g)].map((m) => m[1].split(' '));

describe('examples/svg.ts', () => {
  it('shades a probability from strong red through white to strong blue', () => {
    expect(shade(0.5)).toEqual([255, 255, 255]);
    expect(shade(0)).toEqual([217, 136, 128]); // round(255 + (0xc0 − 255)·0.6), …
    expect(shade(1)).toEqual([121, 149, 196]);
    expect(shade(0.75)[2]).toBeGreaterThan(shade(0.75)[0]);
  });

  it('escapes text', () => {
    expect(escapeXml('a < b & "c" > d')).toBe('a &lt; b &amp; &quot;c&quot; &gt; d');
  });

  it('draws one polyline per series, thinned to maxPoints, ending on the last value', () => {
    const values = Array.from({ length: 1001 }, (_, i) => 1 / (1 + i));
    const svg = lineChartSvg({
      title: 'cost <J>',
      series: [
        { label: 'train', values, color: PALETTE.train },
        { label: 'test', values: [0.5, 0.4], color: PALETTE.test, dashed: true },
      ],
      maxPoints: 100,
    });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="420" height="240"')).toBe(true);
    expect(svg).toContain('cost &lt;J&gt;');
    const [test, train] = polylinePoints(svg); // drawn last series first
    expect(train.length).toBe(92); // every 11th of 1001 values: 0, 11, …, 990 (91), and the last (1000)
    expect(train.at(-1)).toBe('408.00,205.82'); // right edge 48 + 360; y = 26 + 180 − 180/1001 (range 0 … 1)
    expect(test.length).toBe(2);
    expect(svg).toContain('stroke-dasharray="5 3"');
  });

  it("draws fit's history: cost, and accuracy when recorded, train and test", () => {
    const { X, Y } = moons({ m: 60, noise: 0.1, seed: 1 });
    const model = new Sequential([new Dense(2, 1, { seed: 1 }), new Sigmoid()]);
    const history = fit(model, X, Y, {
      loss: new BinaryCrossEntropy(),
      optimizer: new SGD(model.parameters(), { learningRate: 0.5 }),
      epochs: 12,
      metrics: ['accuracy'],
      validationSplit: 0.25,
    });
    const both = learningCurvesSvg(history);
    expect(count(both, 'polyline')).toBe(4);
    expect(both).toContain('width="840"');
    const costOnly = learningCurvesSvg({ loss: history.loss });
    expect(count(costOnly, 'polyline')).toBe(1);
    expect(polylinePoints(costOnly)[0].length).toBe(12);
  });

  it('draws one edge per weight and one unit per neuron, edges coloured by sign', () => {
    const layers = [
      { rows: 3, cols: 2, W: [1, -1, 0.5, -0.5, 2, -2], b: [0, 0, 0] },
      { rows: 1, cols: 3, W: [4, -4, 0], b: [1] },
    ];
    const svg = networkSvg({ layers });
    expect(count(svg, 'line')).toBe(9);
    expect(count(svg, 'circle')).toBe(6);
    expect(svg.split(`stroke="${PALETTE.positive}"`).length - 1).toBe(5); // 1, 0.5, 2, 4 and 0
    expect(svg).toContain('stroke-width="5.50"'); // the largest |w| = 4
    expect(svg).toContain('<title>W[2][0][1] = -4.000</title>');
  });

  it('draws the decision boundary of a predictor under the points', () => {
    const X = Matrix.from([
      [0, 1],
      [0, 1],
    ]);
    const Y = Matrix.from([[0, 1]]);
    const svg = decisionBoundarySvg(
      {
        X,
        Y,
        title: 'x > 0.5',
        resolution: 4,
        predict: (P) => Matrix.from([Array.from(P.data.subarray(0, P.cols), (x) => (x > 0.5 ? 1 : 0))]),
      },
      Matrix,
    );
    expect(count(svg, 'rect')).toBe(8); // each of the 4 rows: one run of class 0, one of class 1
    expect(count(svg, 'circle')).toBe(2);
    expect(svg).toContain(`fill="${PALETTE.region[1]}"`);
  });
});
