// The playground's pure logic, in Node: the URL state round trip, the run's training step against
// the explicit loop written here, and the "show the code" program reproducing the run bit for bit.
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it, vi } from 'vitest';
import { generateCode } from '../../examples/playground/code.js';
import { literal } from '../../examples/playground/recipe.js';
import { PlaygroundRun, boundsOf, gridPoints } from '../../examples/playground/run.js';
import {
  ACTIVATIONS,
  DATASETS,
  DEFAULT_STATE,
  INITIALIZERS,
  OPTIMIZERS,
  OUTPUTS,
  type PlaygroundState,
  decodeState,
  defaultState,
  encodeState,
  testCount,
  validateState,
} from '../../examples/playground/state.js';
import {
  BinaryCrossEntropy,
  Dense,
  Matrix,
  Random,
  SGD,
  Sequential,
  Sigmoid,
  Tanh,
  loadModel,
  moons,
  trainTestSplit,
} from '../../src/index.js';
import { runGeneratedCode } from './run-code.js';

const stateArb: fc.Arbitrary<PlaygroundState> = fc.record({
  dataset: fc.constantFrom(...DATASETS),
  m: fc.integer({ min: 5, max: 1000 }).map((k) => 2 * k),
  noise: fc.integer({ min: 0, max: 10 }).map((k) => k * 0.05),
  trainPercent: fc.integer({ min: 1, max: 9 }).map((k) => 10 * k),
  hidden: fc.array(fc.integer({ min: 1, max: 8 }), { maxLength: 6 }),
  activation: fc.constantFrom(...ACTIVATIONS),
  output: fc.constantFrom(...OUTPUTS),
  init: fc.constantFrom(...INITIALIZERS),
  learningRate: fc.double({ min: 1e-6, max: 100, noNaN: true }),
  batchSize: fc.integer({ min: 1, max: 2000 }),
  optimizer: fc.constantFrom(...OPTIMIZERS),
  l2: fc.oneof(fc.constant(0), fc.double({ min: 1e-6, max: 100, noNaN: true })),
  dropout: fc.oneof(fc.constant(0), fc.double({ min: 1e-6, max: 0.9, noNaN: true })),
  seed: fc.integer({ min: 0, max: 0xffffffff }),
});

describe('playground URL state', () => {
  test.prop([stateArb, fc.option(fc.integer({ min: 0, max: 100_000 }), { nil: null })], { seed: 13, numRuns: 300 })(
    'decode(encode(state)) is the state, and the steps, with nothing ignored',
    (state, steps) => {
      expect(validateState(state)).toEqual([]);
      const decoded = decodeState(encodeState(state, steps));
      expect(decoded).toEqual({ state, steps, ignored: [] });
      // and encoding is canonical: the decoded state encodes to the same link
      expect(encodeState(decoded.state, decoded.steps)).toBe(encodeState(state, steps));
    },
  );

  it('spells every field in a readable link, and an empty link is the defaults', () => {
    expect(encodeState(DEFAULT_STATE)).toBe(
      'data=circles&m=200&noise=0.1&train=50&layers=4-2&act=tanh&out=sigmoid&init=xavier&lr=0.03&batch=10&opt=sgd&seed=1',
    );
    expect(encodeState({ ...DEFAULT_STATE, hidden: [] }, 25)).toContain('&layers=&');
    expect(decodeState('')).toEqual({ state: defaultState(), steps: null, ignored: [] });
    expect(decodeState('?layers=').state.hidden).toEqual([]);
  });

  it('spells L2 and dropout only when on, so links from before them open the same run', () => {
    const on = { ...defaultState(), l2: 0.7, dropout: 0.25 };
    expect(encodeState(on)).toBe(
      'data=circles&m=200&noise=0.1&train=50&layers=4-2&act=tanh&out=sigmoid&init=xavier&lr=0.03&batch=10&opt=sgd&l2=0.7&dropout=0.25&seed=1',
    );
    expect(encodeState({ ...on, dropout: 0 })).toContain('&opt=sgd&l2=0.7&seed=1');
    const old =
      'data=moons&m=400&noise=0.2&train=70&layers=5&act=relu&out=logits&init=he&lr=0.1&batch=32&opt=adam&seed=9';
    const decoded = decodeState(old);
    expect(decoded.ignored).toEqual([]);
    expect(decoded.state.l2).toBe(0);
    expect(decoded.state.dropout).toBe(0);
    expect(encodeState(decoded.state)).toBe(old);
    expect(decodeState('?l2=0&dropout=0').state).toEqual(defaultState());
  });

  it('keeps the defaults for what it cannot read and lists it', () => {
    const { state, steps, ignored } = decodeState(
      '?data=donut&m=7&noise=2&layers=4-9&lr=0&batch=&seed=-1&steps=1.5&colour=red&act=relu',
    );
    expect(ignored).toEqual(['colour', 'data', 'm', 'noise', 'layers', 'lr', 'batch', 'seed', 'steps']);
    expect(state).toEqual({ ...defaultState(), activation: 'relu' });
    expect(steps).toBeNull();
  });

  it('names every invalid field', () => {
    const bad = {
      ...defaultState(),
      m: 3,
      hidden: [0],
      learningRate: Number.NaN,
      optimizer: 'lbfgs',
      l2: -0.1,
      dropout: 0.95,
    } as unknown as PlaygroundState;
    expect(validateState(bad)).toEqual(['m', 'hidden', 'learningRate', 'optimizer', 'l2', 'dropout']);
    expect(validateState({ ...defaultState(), l2: 100, dropout: 0.9 })).toEqual([]);
    expect(validateState({ ...defaultState(), l2: 100.5, dropout: Number.NaN })).toEqual(['l2', 'dropout']);
  });

  it('ignores an L2 strength or a dropout rate out of range, keeping them off', () => {
    const { state, ignored } = decodeState('?l2=-1&dropout=1&act=relu');
    expect(ignored).toEqual(['l2', 'dropout']);
    expect(state).toEqual({ ...defaultState(), activation: 'relu' });
    expect(decodeState('?l2=&dropout=x').ignored).toEqual(['l2', 'dropout']);
  });

  it('splits m into training and test examples by the training share', () => {
    expect(testCount({ ...defaultState(), m: 200, trainPercent: 70 })).toBe(60);
    expect(testCount({ ...defaultState(), m: 10, trainPercent: 90 })).toBe(1);
  });
});

describe('playground run', () => {
  it('one step of a full-batch run is one step of the course loop, written out here', () => {
    const state: PlaygroundState = {
      ...defaultState(),
      dataset: 'moons',
      hidden: [3],
      batchSize: 100,
      learningRate: 0.5,
      seed: 4,
    };
    const run = new PlaygroundRun(state);
    for (let i = 0; i < 20; i++) run.step();

    const random = new Random(4);
    const { X, Y } = moons({ m: 200, noise: 0.1, seed: random });
    const { XTrain, YTrain } = trainTestSplit(X, Y, { testSize: 100, seed: random });
    const model = new Sequential([
      new Dense(2, 3, { init: 'xavier', seed: random }),
      new Tanh(),
      new Dense(3, 1, { init: 'xavier', seed: random }),
      new Sigmoid(),
    ]);
    const loss = new BinaryCrossEntropy();
    const optimizer = new SGD(model.parameters(), { learningRate: 0.5 });
    for (let i = 0; i < 20; i++) {
      loss.forward(model.forward(XTrain), YTrain);
      optimizer.zeroGrad();
      model.backward(loss.backward());
      optimizer.step();
    }
    expect(run.epoch).toBe(20);
    expect(run.measure().trainCost).toBe(loss.forward(model.predict(XTrain), YTrain));
    expect(run.model.parameters().map((p) => Array.from(p.value.data))).toEqual(
      model.parameters().map((p) => Array.from(p.value.data)),
    );
  });

  it('an epoch of mini-batches takes ⌈m_train / batch⌉ optimizer steps', () => {
    const run = new PlaygroundRun({ ...defaultState(), m: 200, trainPercent: 70, batchSize: 32 });
    const step = vi.spyOn(run.optimizer, 'step');
    run.step();
    expect(step).toHaveBeenCalledTimes(5); // 140 examples: 4 batches of 32 and one of 12
  });

  it('shows each hidden unit on the grid (the layers run one by one) and P(class 1) of every output kind', () => {
    for (const output of OUTPUTS) {
      const run = new PlaygroundRun({ ...defaultState(), hidden: [3, 2], output });
      const G = gridPoints(run.bounds, 5);
      const { hidden, probability } = run.look(G);
      expect(hidden.map((h) => h.length)).toEqual([3 * 25, 2 * 25]);
      const [d1, a1] = run.model.layers;
      expect(Array.from(hidden[0])).toEqual(Array.from(a1.forward(d1.forward(G)).data));
      const P = run.model.predict(G);
      const want =
        output === 'softmax'
          ? P.data.subarray(25)
          : output === 'logits'
            ? P.data.map((z) => 1 / (1 + Math.exp(-z)))
            : P.data;
      expect(Array.from(probability)).toEqual(Array.from(want));
    }
  });

  it('plots in a square window around the data with a margin, the grid from the top row down', () => {
    const b = boundsOf(
      Matrix.from([
        [0, 4],
        [0, 2],
      ]),
      0.25,
    );
    expect(b).toEqual({ xMin: -1, xMax: 5, yMin: -2, yMax: 4 });
    const G = gridPoints(b, 2);
    expect(G.toArray()).toEqual([
      [0.5, 3.5, 0.5, 3.5],
      [2.5, 2.5, -0.5, -0.5],
    ]);
  });

  it('exports a model that loadModel rebuilds, predicting the same bits', () => {
    const run = new PlaygroundRun({
      ...defaultState(),
      dataset: 'spiral',
      hidden: [5, 5],
      activation: 'relu',
      init: 'he',
    });
    for (let i = 0; i < 3; i++) run.step();
    const loaded = loadModel(JSON.parse(JSON.stringify(run.model.toJSON())));
    expect(loaded.predict(run.XTest).equals(run.model.predict(run.XTest))).toBe(true);
  });

  it('dropout keeps the run without it up to training: the data, the initial weights, the eval-mode pictures', () => {
    const base = { ...defaultState(), dataset: 'moons' as const, hidden: [5, 3], seed: 3 };
    const plain = new PlaygroundRun(base);
    const run = new PlaygroundRun({ ...base, dropout: 0.3, l2: 0.1 });
    expect(run.model.layers.map(String)).toEqual([
      'Dense(2 → 5)',
      'Tanh()',
      'Dropout(rate=0.3)',
      'Dense(5 → 3)',
      'Tanh()',
      'Dropout(rate=0.3)',
      'Dense(3 → 1)',
      'Sigmoid()',
    ]);
    expect(run.XTrain.equals(plain.XTrain)).toBe(true);
    expect(run.model.parameters().map((p) => Array.from(p.value.data))).toEqual(
      plain.model.parameters().map((p) => Array.from(p.value.data)),
    );
    // untrained: the pictures are the same (eval mode, dropout is the identity)
    const G = gridPoints(run.bounds, 4);
    expect(run.look(G)).toEqual(plain.look(G));
    expect(run.model.training).toBe(false);
    run.step();
    plain.step();
    expect(run.model.training).toBe(true);
    expect(run.model.parameters()[0].value.equals(plain.model.parameters()[0].value)).toBe(false);
    // the curves are measured in eval mode: the same numbers twice, and the cost carries the L2 term
    const once = run.measure();
    expect(run.measure()).toEqual(once);
    const P = run.model.predict(run.XTrain);
    expect(once.trainCost).toBe(run.loss.forward(P, run.YTrain) + run.model.penalty(run.XTrain.cols));
    expect(run.model.penalty(run.XTrain.cols)).toBeGreaterThan(0);
  });

  it('trains every data set, activation, output, initializer and optimizer without error', () => {
    for (let i = 0; i < 8; i++) {
      const run = new PlaygroundRun({
        ...defaultState(),
        dataset: DATASETS[i % DATASETS.length],
        activation: ACTIVATIONS[i % ACTIVATIONS.length],
        output: OUTPUTS[i % OUTPUTS.length],
        init: INITIALIZERS[i % INITIALIZERS.length],
        optimizer: OPTIMIZERS[i % OPTIMIZERS.length],
      });
      run.step();
      const metrics = run.measure();
      expect(Object.values(metrics).every(Number.isFinite)).toBe(true);
    }
  });
});

describe('show the code', () => {
  const cases: [string, Partial<PlaygroundState>, number][] = [
    ['the defaults: circles, mini-batches of 10, SGD', {}, 15],
    [
      'moons, softmax, full batch, Adam',
      { dataset: 'moons', output: 'softmax', batchSize: 500, optimizer: 'adam' },
      30,
    ],
    [
      'xor, logits, ReLU, He, momentum',
      { dataset: 'xor', output: 'logits', activation: 'relu', init: 'he', optimizer: 'momentum' },
      8,
    ],
    ['spiral, RMSprop, 3 layers, seed 99', { dataset: 'spiral', hidden: [6, 6, 3], optimizer: 'rmsprop', seed: 99 }, 5],
    ['blobs, no hidden layer, Adagrad', { dataset: 'blobs', hidden: [], optimizer: 'adagrad', noise: 0.35 }, 6],
    [
      'planar, the course net, batch 1',
      { dataset: 'planar', m: 100, hidden: [4], init: 'small', batchSize: 1, learningRate: 1.2 },
      2,
    ],
    ['no training yet', { dataset: 'moons', activation: 'gelu' }, 0],
    ['moons, L2 and dropout, mini-batches', { dataset: 'moons', hidden: [6, 4], l2: 0.7, dropout: 0.25 }, 6],
    [
      'planar, L2 and dropout, full batch, Adam, softmax',
      { dataset: 'planar', hidden: [5], l2: 0.3, dropout: 0.5, batchSize: 500, optimizer: 'adam', output: 'softmax' },
      12,
    ],
    ['xor, L2 only, logits', { dataset: 'xor', output: 'logits', activation: 'relu', l2: 2 }, 4],
    ['spiral, dropout only, seed 2^32 − 1', { dataset: 'spiral', hidden: [8, 8], dropout: 0.1, seed: 0xffffffff }, 3],
    ['L2 with dropout but no hidden layer', { hidden: [], l2: 0.05, dropout: 0.4, batchSize: 200 }, 5],
  ];
  for (const [name, change, epochs] of cases) {
    it(`reproduces the run bit for bit: ${name}`, async () => {
      const state = { ...defaultState(), ...change };
      const run = new PlaygroundRun(state);
      for (let i = 0; i < epochs; i++) run.step();
      const want = run.measure();
      const printed = await runGeneratedCode(generateCode(state, epochs));
      expect(printed).toEqual({
        train: { cost: want.trainCost, accuracy: want.trainAccuracy },
        test: { cost: want.testCost, accuracy: want.testAccuracy },
      });
    });
  }

  it('writes the explicit loop of the course, with the link of the run on top', () => {
    const full = generateCode({ ...defaultState(), batchSize: 100 }, 7);
    expect(full.split('\n').slice(0, 3)).toEqual([
      `// bottomup playground, ?${encodeState({ ...defaultState(), batchSize: 100 })}`,
      '// 7 epochs of full-batch gradient descent.',
      "import { accuracy, BinaryCrossEntropy, circles, Dense, Random, Sequential, SGD, Sigmoid, Tanh, trainTestSplit } from 'bottomup';",
    ]);
    expect(full).toContain(
      [
        'for (let epoch = 0; epoch < 7; epoch++) {',
        '  loss.forward(model.forward(XTrain), YTrain);',
        '  optimizer.zeroGrad();',
        '  model.backward(loss.backward());',
        '  optimizer.step();',
        '}',
      ].join('\n'),
    );
    const mini = generateCode(defaultState(), 1);
    expect(mini).toContain('  random.shuffle(order); // a new order of the training examples every epoch');
    expect(mini).toContain('const { X, Y } = circles({ m: 200, noise: 0.1, factor: 0.5, seed: random });');
    expect(mini).toContain('    const batch = order.subarray(start, start + 10);');
  });

  it('writes the regularizer on every Dense, a seeded Dropout after each hidden activation and the penalty', () => {
    const state = { ...defaultState(), hidden: [3, 2], l2: 0.5, dropout: 0.2, seed: 7 };
    const code = generateCode(state, 2);
    expect(code).toContain(
      [
        'const model = new Sequential([',
        "  new Dense(2, 3, { init: 'xavier', seed: random, regularizer: { l2: 0.5 } }),",
        '  new Tanh(),',
        '  new Dropout(0.2, { seed: 8 }),',
        "  new Dense(3, 2, { init: 'xavier', seed: random, regularizer: { l2: 0.5 } }),",
        '  new Tanh(),',
        '  new Dropout(0.2, { seed: 9 }),',
        "  new Dense(2, 1, { init: 'xavier', seed: random, regularizer: { l2: 0.5 } }),",
        '  new Sigmoid(),',
        ']);',
      ].join('\n'),
    );
    expect(code).toContain('import { accuracy, BinaryCrossEntropy, circles, Dense, Dropout, gatherColumns,');
    expect(code).toContain('model.train(); // training mode, where dropout drops (a new model starts in it)');
    expect(code).toContain(
      '    const cost = loss.forward(model.forward(Xb), Yb) + model.penalty(Xb.cols); // J + λ/(2m)·ΣW²',
    );
    expect(code).toContain('model.eval(); // evaluation mode: no dropout (predict always runs in it)');
    expect(code).toContain(
      "console.log('test cost', loss.forward(PTest, YTest) + model.penalty(XTest.cols), 'accuracy'",
    );
    const full = generateCode({ ...state, batchSize: 100 }, 1);
    expect(full).toContain(
      '  const cost = loss.forward(model.forward(XTrain), YTrain) + model.penalty(XTrain.cols); // J + λ/(2m)·ΣW²',
    );
    // both off: the code of before, word for word
    const off = generateCode(defaultState(), 3);
    expect(off).not.toMatch(/Dropout|penalty|regularizer|model\.(train|eval)\(|cost =/);
  });

  it('prints literals as TypeScript source', () => {
    expect(
      literal({
        m: 2,
        centers: [
          [-1, -1],
          [1, 1],
        ],
        name: "it's",
        on: true,
      }),
    ).toBe("{ m: 2, centers: [[-1, -1], [1, 1]], name: 'it\\'s', on: true }");
    expect(literal({})).toBe('{}');
  });
});
