/**
 * The `bottomup` command line: `summary`, `predict` and `convert` over saved models, with no
 * dependencies (Node's own `fs` and `process`).
 *
 * ```sh
 * npx bottomup summary model.json
 * npx bottomup predict model.json data.csv [--classes] [--output out.csv]
 * npx bottomup convert model.onnx model.json     # and back; TF.js folders; Keras files in
 * ```
 *
 * Exit codes: 0 done, 1 the input could not be read or is not a valid model or data file, 2 the
 * command line itself is wrong (an unknown command or option, a missing argument).
 *
 * @internal
 * @module
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { Matrix, type Sequential, predictClasses } from 'bottomup';
import { FORMATS, type Format, readModelFile, writeModelFile } from './formats.js';

/** A mistake on the command line: exit code 2, with the command's usage. */
export class UsageError extends Error {
  override name = 'UsageError';
}

const VERSION = '0.1.0';

const USAGE: Record<string, string> = {
  main: `bottomup ${VERSION}: small dense neural networks, Float64, no dependencies

Usage: bottomup <command> [options]

Commands:
  summary <model>                   the layers, their output shapes and parameter counts
  predict <model> <data.csv>        predictions for the examples in a CSV file, one per row
  convert <input> <output>          a model from one format into another

Formats (from the file name, or --from / --to): bottomup JSON (.json), ONNX (.onnx), a TF.js
folder (a directory holding model.json, or its model.json), Keras (.keras, .h5; input only).

Run "bottomup <command> --help" for a command's options. Exit codes: 0 done, 1 bad input, 2 bad usage.`,
  summary: `Usage: bottomup summary <model> [--from <format>]

Prints the model's layers, output shapes and parameter counts, then its inputs and outputs.`,
  predict: `Usage: bottomup predict <model> <data.csv> [--classes] [--output <file>] [--from <format>]

Reads one example per row (comma-separated numbers; a first row that is not all numbers is taken as
a header and skipped), runs the model and writes one row of outputs per example to standard output
or --output. With --classes, writes each example's predicted class instead: the index of the largest
output, or 0/1 at 0.5 for a single output.`,
  convert: `Usage: bottomup convert <input> <output> [--from <format>] [--to <format>]
                        [--dtype float32|float64] [--opset <n>]

Converts a model between formats: json (bottomup), onnx, tfjs (a folder with model.json and
weights.bin), keras (input only). --dtype and --opset apply to ONNX output (default float32, opset
17). ONNX, TF.js and Keras put one example per row; bottomup one per column: the converters
transpose at the boundary.`,
};

interface Parsed {
  command: string;
  positional: string[];
  flags: Map<string, string | true>;
}

const FLAGS: Record<string, { value: boolean; commands: string[] }> = {
  help: { value: false, commands: ['main', 'summary', 'predict', 'convert'] },
  version: { value: false, commands: ['main'] },
  from: { value: true, commands: ['summary', 'predict', 'convert'] },
  to: { value: true, commands: ['convert'] },
  dtype: { value: true, commands: ['convert'] },
  opset: { value: true, commands: ['convert'] },
  classes: { value: false, commands: ['predict'] },
  output: { value: true, commands: ['predict'] },
};

function parse(argv: readonly string[]): Parsed {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  let command = 'main';
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg.startsWith('--')) {
      const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
      const spec = FLAGS[name];
      if (spec === undefined || !spec.commands.includes(command)) {
        throw new UsageError(`unknown option --${name}${command === 'main' ? '' : ` for ${command}`}`);
      }
      if (!spec.value) flags.set(name, true);
      else {
        const value = inline ?? argv[++i];
        if (value === undefined || value === '') throw new UsageError(`option --${name} needs a value`);
        flags.set(name, value);
      }
    } else if (arg === '-h') flags.set('help', true);
    else if (command === 'main' && positional.length === 0 && !flags.has('help')) {
      if (!(arg in USAGE) || arg === 'main') throw new UsageError(`unknown command "${arg}"`);
      command = arg;
    } else positional.push(arg);
  }
  return { command, positional, flags };
}

function expectArgs(parsed: Parsed, names: string[]): string[] {
  const { command, positional } = parsed;
  if (positional.length < names.length) throw new UsageError(`${command}: missing <${names[positional.length]}>`);
  if (positional.length > names.length)
    throw new UsageError(`${command}: unexpected argument "${positional[names.length]}"`);
  return positional;
}

function formatFlag(parsed: Parsed, name: 'from' | 'to'): Format | undefined {
  const value = parsed.flags.get(name);
  if (value === undefined) return undefined;
  if (!FORMATS.includes(value as Format)) {
    throw new UsageError(`--${name}: expected one of ${FORMATS.join(', ')}, got "${value}"`);
  }
  return value as Format;
}

/** Reads the examples of a CSV file: one per row, all rows of the same length. */
export function readCsv(text: string, file: string): number[][] {
  const rows: number[][] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    const cells = line.split(',').map((c) => c.trim());
    const values = cells.map((c) => (c === '' ? Number.NaN : Number(c)));
    if (values.some((v) => !Number.isFinite(v))) {
      const bad = cells.find((_, k) => !Number.isFinite(values[k]));
      if (rows.length === 0 && values.every((v) => Number.isNaN(v))) return; // a header
      throw new Error(`${file}:${i + 1}: expected numbers, got "${bad}"`);
    }
    if (rows.length > 0 && values.length !== rows[0].length) {
      throw new Error(`${file}:${i + 1}: expected ${rows[0].length} values like the first row, got ${values.length}`);
    }
    rows.push(values);
  });
  if (rows.length === 0) throw new Error(`${file}: expected at least one row of numbers, got none`);
  return rows;
}

function predictCommand(model: Sequential, rows: number[][], file: string, classes: boolean): string {
  const n = model.inputSize;
  if (n !== undefined && rows[0].length !== n) {
    throw new Error(`${file}: expected ${n} values per row (the model's inputs), got ${rows[0].length}`);
  }
  const X = Matrix.fromSamples(rows);
  // --classes: the library's predictClasses (argmax, or 0/1 at 0.5 for a single output)
  const lines = classes
    ? Array.from(predictClasses(model, X), String)
    : model
        .predict(X)
        .toSamples()
        .map((y) => y.join(','));
  return `${lines.join('\n')}\n`;
}

/** Where {@link run} writes: the process's standard output and error, or a stand-in in tests. */
export interface Io {
  /** Standard output. */
  out(text: string): void;
  /** Standard error. */
  err(text: string): void;
}

/**
 * Runs the command line `argv` (without `node` and the script) and returns the exit code.
 * @param argv - the arguments.
 * @param io - output, files and the model formats.
 */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  let parsed: Parsed | undefined;
  try {
    parsed = parse(argv);
    const { command, flags } = parsed;
    if (flags.has('help')) {
      io.out(`${USAGE[command]}\n`);
      return 0;
    }
    if (command === 'main') {
      if (flags.has('version')) {
        io.out(`${VERSION}\n`);
        return 0;
      }
      throw new UsageError('expected a command');
    }
    if (command === 'summary') {
      const [file] = expectArgs(parsed, ['model']);
      const model = await readModelFile(file, formatFlag(parsed, 'from'));
      io.out(`${model.summary()}\ninputs: ${model.inputSize ?? '?'}, outputs: ${model.outputSize ?? '?'}\n`);
      return 0;
    }
    if (command === 'predict') {
      const [file, data] = expectArgs(parsed, ['model', 'data.csv']);
      const model = await readModelFile(file, formatFlag(parsed, 'from'));
      const rows = readCsv(readFileSync(data, 'utf8'), data);
      const text = predictCommand(model, rows, data, flags.has('classes'));
      const output = flags.get('output');
      if (typeof output === 'string') writeFileSync(output, text);
      else io.out(text);
      return 0;
    }
    const [input, output] = expectArgs(parsed, ['input', 'output']);
    const dtype = flags.get('dtype') ?? 'float32';
    if (dtype !== 'float32' && dtype !== 'float64') {
      throw new UsageError(`--dtype: expected float32 or float64, got "${dtype}"`);
    }
    const opsetFlag = flags.get('opset');
    const opset = opsetFlag === undefined ? undefined : Number(opsetFlag);
    if (opset !== undefined && !Number.isInteger(opset)) {
      throw new UsageError(`--opset: expected an integer, got "${opsetFlag}"`);
    }
    const [from, to] = [formatFlag(parsed, 'from'), formatFlag(parsed, 'to')];
    const model = await readModelFile(input, from);
    const written = await writeModelFile(model, output, to, { dtype, opset });
    io.err(`wrote ${written}\n`);
    return 0;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (error instanceof UsageError) {
      const command = parsed?.command ?? 'main';
      io.err(`bottomup: ${message}\n\n${USAGE[command] ?? USAGE.main}\n`);
      return 2;
    }
    io.err(`bottomup: ${message}\n`);
    return 1;
  }
}
