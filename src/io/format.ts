/**
 * The JSON format of a saved model: `{ format, version, layers }`.
 *
 * @module
 */
import type { LayerJSON } from '../layers/layer.js';

/** The `format` tag of a serialised model. */
export const MODEL_FORMAT = 'bottomup.sequential';
/** The newest format version this build reads and writes. */
export const MODEL_VERSION = 1;

/**
 * A serialised {@link Sequential} model, as returned by `toJSON()`: plain data, safe to
 * `JSON.stringify`. Numbers round-trip exactly (JavaScript prints the shortest exact decimal).
 *
 * @remarks
 * ```json
 * { "format": "bottomup.sequential", "version": 1,
 *   "layers": [ { "type": "Dense", "config": { "inputSize": 2, "outputSize": 4, "useBias": true, "init": "small" },
 *                 "weights": { "W": [8 numbers, row-major (4, 2)], "b": [4 numbers] } },
 *               { "type": "Tanh" }, … ] }
 * ```
 */
export interface SequentialJSON {
  /** Always `"bottomup.sequential"`. */
  format: string;
  /** The format version (currently 1); newer versions are refused by older builds. */
  version: number;
  /** The layers, first to last. */
  layers: LayerJSON[];
}
