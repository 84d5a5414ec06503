import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts', 'src/predict.ts', 'src/tfjs.ts'],
  // The sub-entries import the core as the package 'bottomup' (so fromTFJS returns the app's Sequential).
  external: ['bottomup'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  treeshake: true,
  splitting: false,
});
