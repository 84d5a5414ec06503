import { describe, expect, it } from 'vitest';
import * as data from '../../src/data/index.js';

describe('src/data/index', () => {
  it('re-exports exactly the public data utilities', () => {
    expect(Object.keys(data).sort()).toEqual(
      [
        'LABEL_ENCODER_FORMAT',
        'LABEL_ENCODER_VERSION',
        'LabelEncoder',
        'MinMaxScaler',
        'Standardizer',
        'blobs',
        'circles',
        'fromOneHot',
        'gatherColumns',
        'gatherColumnsInto',
        'moons',
        'oneHot',
        'planar',
        'shuffleColumns',
        'trainTestSplit',
        'xor',
        'spiral',
      ].sort(),
    );
  });
});
