/**
 * The model formats of the command line, told apart by file name (or `--from` / `--to`), each read
 * into and written from a `Sequential`.
 *
 * @internal
 * @module
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { type Sequential, type SequentialJSON, loadModel } from 'bottomup';
import { fromKeras } from '../keras.js';
import { fromONNX, toONNX } from '../onnx.js';

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
  throw new Error(`${path}: reading ${f} is not available in this build`);
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
  mkdirSync(path, { recursive: true });
  return join(path, 'model.json');
}
