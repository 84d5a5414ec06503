// Writes the committed fixtures test/fixtures/keras/mlp.keras and mlp.h5 (a 2-4-1 tanh/sigmoid network,
// seed 1) with the tests' own zip and HDF5 writers: `npx tsx test/keras/make-fixtures.ts`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type KerasModel, kerasFile, legacyH5 } from './keras-files.js';

const mlp: KerasModel = {
  inputs: 2,
  layers: [
    { dense: 4, activation: 'tanh' },
    { dense: 1, activation: 'sigmoid' },
  ],
};
const dir = resolve(import.meta.dirname, '../fixtures/keras');
mkdirSync(dir, { recursive: true });
writeFileSync(resolve(dir, 'mlp.keras'), kerasFile(mlp));
writeFileSync(resolve(dir, 'mlp.h5'), legacyH5(mlp));
