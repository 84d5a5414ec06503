import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts', 'src/predict.ts', 'src/keras.ts'],
  // bottomup/keras imports the core as the package itself, so its models are the same classes.
  external: ['bottomup'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  treeshake: true,
  splitting: false,
});
