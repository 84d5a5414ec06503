import { readFile } from 'node:fs/promises';
import { defineConfig, type Options } from 'tsup';

type Plugin = NonNullable<Options['esbuildPlugins']>[number];

/**
 * The files of src/math/ copy the constants they share from slot.ts into module constants
 * (`const LN2_HI = fromSlot.LN2_HI, …`), because V8 folds a module's own constants into the hot code
 * and not imported bindings (see "Imports" in src/math/slot.ts). A bundle puts every file in one
 * module scope, where those copies are only extra variables: about 0.3 kB gzip in every bundle that
 * does math. So the build imports them by name instead — the same values, so the same bits — keeping
 * each file's line numbers for the source maps. A declaration of another form is left as it is.
 */
const slotConstantsByName: Plugin = {
  name: 'slot-constants-by-name',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/]math[\\/][\w-]+\.ts$/ }, async ({ path }) => {
      const source = await readFile(path, 'utf8');
      const names: string[] = [];
      const contents = source.replace(/^const ((?:\s*\w+ = fromSlot\.\w+,)*\s*\w+ = fromSlot\.\w+);/gm, (text, list) => {
        for (const [, local, name] of (list as string).matchAll(/(\w+) = fromSlot\.(\w+)/g))
          names.push(local === name ? name : `${name} as ${local}`);
        return text.replace(/[^\n]/g, '');
      });
      if (names.length === 0) return undefined;
      const namespace = "import * as fromSlot from './slot.js';";
      if (!contents.includes(namespace)) throw new Error(`${path}: no ${namespace} for its constants`);
      return {
        contents: contents.replace(namespace, `${namespace} import { ${names.join(', ')} } from './slot.js';`),
        loader: 'ts',
      };
    });
  },
};

/**
 * `Number.POSITIVE_INFINITY` and `Number.NaN` (the lint's spelling) written as the globals, which a
 * minifier shortens to `1/0` and `NaN`: the same values.
 */
const define = { 'Number.POSITIVE_INFINITY': 'Infinity', 'Number.NaN': 'NaN' };

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
    esbuildPlugins: [slotConstantsByName],
    define,
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
    esbuildPlugins: [slotConstantsByName],
    define,
  },
]);
