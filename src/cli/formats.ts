/**
 * The model formats of the command line, told apart by file name (or `--from` / `--to`), each read
 * into and written from a `Sequential`.
 *
 * @internal
 * @module
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { type Sequential, type SequentialJSON, loadModel } from 'bottomup';
import { fromKeras } from '../keras.js';
import { fromONNX, toONNX } from '../onnx.js';
import { type TFJSModelInput, fromTFJS, toTFJS } from '../tfjs.js';

/** The formats: bottomup's JSON, ONNX, a TF.js folder, Keras (read only). */
export const FORMATS = ['json', 'onnx', 'tfjs', 'keras'] as const;
/** One of {@link FORMATS}. */
export type Format = (typeof FORMATS)[number];

/** Options of the writers that have any. */
export interface WriteOptions {
  dtype: 'float32' | 'float64';
  opset: number | undefined;
}

const isDirectory = (path: string): boolean => existsSync(path) && statSync(path).isDirectory();

/** The format of `path` by its name: `.onnx`, `.keras`/`.h5`, a folder or its `model.json` (TF.js), `.json`. */
export function formatOf(path: string, forOutput: boolean): Format {
  const ext = extname(path).toLowerCase();
  if (ext === '.onnx') return 'onnx';
  if (ext === '.keras' || ext === '.h5') return 'keras';
  if (isDirectory(path) || (forOutput && /[/\\]$/.test(path))) return 'tfjs';
  if (ext === '.json') {
    if (!forOutput && basename(path) === 'model.json' && looksLikeTfjs(path)) return 'tfjs';
    return 'json';
  }
  throw new Error(
    `${path}: cannot tell the format from the name: use --${forOutput ? 'to' : 'from'} json|onnx|tfjs|keras`,
  );
}

function looksLikeTfjs(path: string): boolean {
  try {
    const json = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    return json !== null && typeof json === 'object' && 'modelTopology' in json;
  } catch {
    return false;
  }
}

function readJson(path: string): unknown {
  const text = readFileSync(path, 'utf8');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${path}: not JSON (${(error as Error).message})`);
  }
}

/** Reads the model in `path`. */
export async function readModelFile(path: string, format?: Format): Promise<Sequential> {
  if (!existsSync(path)) throw new Error(`${path}: no such file or folder`);
  const f = format ?? formatOf(path, false);
  if (f === 'json') return loadModel(readJson(path) as SequentialJSON);
  if (f === 'onnx') return fromONNX(readFileSync(path));
  if (f === 'keras') return fromKeras(readFileSync(path));
  return readTfjs(path);
}

/** Writes `model` to `path` and returns what was written (a path, or a folder's files). */
export async function writeModelFile(
  model: Sequential,
  path: string,
  format: Format | undefined,
  options: WriteOptions,
): Promise<string> {
  const f = format ?? formatOf(path, true);
  if (f === 'json') {
    writeFileSync(path, `${JSON.stringify(model)}\n`);
    return path;
  }
  if (f === 'onnx') {
    const { dtype, opset } = options;
    writeFileSync(path, toONNX(model, opset === undefined ? { dtype } : { dtype, opset }));
    return path;
  }
  if (f === 'keras') throw new Error(`${path}: Keras files can be read, not written: convert to onnx or tfjs`);
  // a TF.js folder: model.json (the topology and the weights manifest) and one weights file
  const { weightSpecs, weightData, ...rest } = toTFJS(model);
  mkdirSync(path, { recursive: true });
  const json = { ...rest, weightsManifest: [{ paths: ['weights.bin'], weights: weightSpecs }] };
  writeFileSync(join(path, 'model.json'), `${JSON.stringify(json)}\n`);
  writeFileSync(join(path, 'weights.bin'), new Uint8Array(weightData));
  return `${join(path, 'model.json')} and ${join(path, 'weights.bin')}`;
}

/** Reads a TF.js folder (or its model.json) with the weight files its manifest names. */
function readTfjs(path: string): Sequential {
  const file = isDirectory(path) ? join(path, 'model.json') : path;
  if (!existsSync(file)) throw new Error(`${path}: expected a TF.js folder with a model.json, got none`);
  const json = readJson(file) as TFJSModelInput;
  const manifest = Array.isArray(json?.weightsManifest) ? json.weightsManifest : [];
  const shards = manifest.flatMap((group) => group.paths).map((name) => readFileSync(join(dirname(file), name)));
  return fromTFJS({ ...json, weightData: shards });
}
