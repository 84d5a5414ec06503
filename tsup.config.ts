import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts', 'src/predict.ts', 'src/onnx.ts'],
  // bottomup/onnx imports the core as the package, so its models are the very classes users import
  // from 'bottomup' (not a bundled copy); the other entries never import it.
  external: ['bottomup'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  treeshake: true,
  splitting: false,
});
