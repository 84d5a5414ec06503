import { defineConfig } from 'tsup';

export default defineConfig([
  {
    entry: ['src/index.ts', 'src/predict.ts', 'src/onnx.ts', 'src/keras.ts', 'src/tfjs.ts', 'src/parallel.ts'],
    // bottomup/onnx, bottomup/keras and bottomup/tfjs import the core as the package, so their models are the very classes
    // users import from 'bottomup' (not a bundled copy); so does bottomup/parallel, so it sets the engine users' matmuls
    // run on. The other entries never import it.
    external: ['bottomup'],
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'es2022',
    treeshake: true,
    splitting: false,
  },
  {
    // The command line (package.json `bin`): Node only, ESM, the core imported as the package itself.
    entry: { cli: 'src/cli/bin.ts' },
    external: ['bottomup'],
    format: ['esm'],
    platform: 'node',
    target: 'node20',
    treeshake: true,
    splitting: false,
  },
]);
