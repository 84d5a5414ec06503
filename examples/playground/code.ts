// "Show the code": the explicit training loop that reproduces a playground run, as a TypeScript
// program for Node (or a bundler). It prints the same numbers the page shows, bit for bit.
import {
  ACTIVATION_CLASSES,
  accuracyOptions,
  datasetCall,
  dropoutSeed,
  fullBatch,
  layerSizes,
  literal,
  lossCall,
  optimizerCall,
  outputActivation,
  regularizer,
  splitOptions,
} from './recipe.js';
import { type PlaygroundState, encodeState } from './state.js';

/** The program that trains `epochs` epochs of the state's run and prints its costs and accuracies. */
export function generateCode(s: PlaygroundState, epochs: number): string {
  const data = datasetCall(s);
  const loss = lossCall(s);
  const optimizer = optimizerCall(s);
  const softmax = s.output === 'softmax';
  const sizes = layerSizes(s);
  const layers: string[] = [];
  const used = new Set<string>(['Dense', 'Random', 'Sequential', 'accuracy', 'trainTestSplit', data.name]);
  used.add(loss.name).add(optimizer.name);
  const l2 = regularizer(s);
  const reg = l2 === null ? '' : `, regularizer: ${literal(l2)}`;
  for (let l = 1; l < sizes.length; l++) {
    const hidden = l < sizes.length - 1;
    layers.push(`new Dense(${sizes[l - 1]}, ${sizes[l]}, { init: ${literal(s.init)}, seed: random${reg} })`);
    const activation = hidden ? ACTIVATION_CLASSES[s.activation] : outputActivation(s);
    if (activation !== null) {
      layers.push(`new ${activation}()`);
      used.add(activation);
    }
    if (hidden && s.dropout > 0) {
      layers.push(`new Dropout(${s.dropout}, { seed: ${dropoutSeed(s, l)} })`);
      used.add('Dropout');
    }
  }
  // the L2 term of the cost, λ/(2m)·ΣW² over the Dense layers (its gradient λ/m·W is in backward)
  const penalty = (m: string): string => (l2 === null ? '' : ` + model.penalty(${m})`);
  const full = fullBatch(s);
  if (!full) used.add('gatherColumns');
  if (softmax) used.add('oneHot');
  const T = softmax ? 'T' : 'Y';
  const acc = accuracyOptions(s).threshold === undefined ? '' : `, ${literal(accuracyOptions(s))}`;
  const names = [...used].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : 1));

  const lines = [
    `// bottomup playground, ?${encodeState(s)}`,
    `// ${epochs} epoch${epochs === 1 ? '' : 's'} of ${full ? 'full-batch gradient descent' : `mini-batches of ${s.batchSize}`}.`,
    `import { ${names.join(', ')} } from 'bottomup';`,
    '',
    `const random = new Random(${s.seed}); // one generator: the data, the split, the weights, the shuffling`,
    `const { X, Y } = ${data.name}(${literal(data.options)
      .replace(/ }$/, ', seed: random }')
      .replace(/^\{\}$/, '{ seed: random }')});`,
    `const { XTrain, YTrain, XTest, YTest } = trainTestSplit(X, Y, { testSize: ${splitOptions(s).testSize}, seed: random });`,
  ];
  if (softmax)
    lines.push(
      'const TTrain = oneHot(YTrain, 2); // softmax targets: one column per example, one row per class',
      'const TTest = oneHot(YTest, 2);',
    );
  lines.push(
    'const model = new Sequential([',
    ...layers.map((l) => `  ${l},`),
    ']);',
    `const loss = new ${loss.name}(${Object.keys(loss.options).length === 0 ? '' : literal(loss.options)});`,
    `const optimizer = new ${optimizer.name}(model.parameters(), ${literal(optimizer.options)});`,
    '',
  );
  const dropout = s.dropout > 0 && s.hidden.length > 0;
  if (dropout) lines.push('model.train(); // training mode, where dropout drops (a new model starts in it)');
  if (full) {
    lines.push(
      `for (let epoch = 0; epoch < ${epochs}; epoch++) {`,
      l2 === null
        ? `  loss.forward(model.forward(XTrain), ${T}Train);`
        : `  const cost = loss.forward(model.forward(XTrain), ${T}Train)${penalty('XTrain.cols')}; // J + λ/(2m)·ΣW²`,
      '  optimizer.zeroGrad();',
      '  model.backward(loss.backward());',
      '  optimizer.step();',
      '}',
    );
  } else {
    lines.push(
      'const m = XTrain.cols;',
      'const order = Int32Array.from({ length: m }, (_, j) => j);',
      `for (let epoch = 0; epoch < ${epochs}; epoch++) {`,
      '  random.shuffle(order); // a new order of the training examples every epoch',
      `  for (let start = 0; start < m; start += ${s.batchSize}) {`,
      `    const batch = order.subarray(start, start + ${s.batchSize});`,
      `    const Xb = gatherColumns(XTrain, batch);`,
      `    const Yb = gatherColumns(${T}Train, batch);`,
      l2 === null
        ? '    loss.forward(model.forward(Xb), Yb);'
        : `    const cost = loss.forward(model.forward(Xb), Yb)${penalty('Xb.cols')}; // J + λ/(2m)·ΣW²`,
      '    optimizer.zeroGrad();',
      '    model.backward(loss.backward());',
      '    optimizer.step();',
      '  }',
      '}',
    );
  }
  lines.push('');
  if (dropout) lines.push('model.eval(); // evaluation mode: no dropout (predict always runs in it)');
  lines.push(
    'const PTrain = model.predict(XTrain);',
    'const PTest = model.predict(XTest);',
    `console.log('train cost', loss.forward(PTrain, ${T}Train)${penalty('XTrain.cols')}, 'accuracy', accuracy(PTrain, ${T}Train${acc}));`,
    `console.log('test cost', loss.forward(PTest, ${T}Test)${penalty('XTest.cols')}, 'accuracy', accuracy(PTest, ${T}Test${acc}));`,
    '// JSON.stringify(model) saves the trained model; loadModel(JSON.parse(text)) loads it back.',
  );
  return `${lines.join('\n')}\n`;
}
