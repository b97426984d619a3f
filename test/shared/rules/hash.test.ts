import { describe, expect, it } from 'vitest';
import { canonicalJson, hashJson } from '../../../shared/rules/hash.js';

// Replay files and crash logs carry hashes made by earlier builds: the canonical text and its hash
// must never change, however they are computed.
const VALUE = {
  b: [1, -0, 0.1 + 0.2, 1e21, 5e-7, NaN, Infinity, null, true, 'x"y\u2028'],
  a: { z: undefined, y: { '10': 1, '2': 2, é: 'é' } },
  c: [],
  d: {},
};

describe('the state hash', () => {
  it('writes keys sorted, numbers as JSON does, and skips undefined fields', () => {
    expect(canonicalJson(VALUE)).toBe('{"a":{"y":{"10":1,"2":2,"é":"é"}},"b":[1,0,0.30000000000000004,1e+21,5e-7,null,null,null,true,"x\\"y\u2028"],"c":[],"d":{}}');
  });

  it('gives the hash earlier builds gave', () => {
    expect(hashJson(VALUE)).toBe('0727da7f2bcc260ce0d54d3174d1');
  });

  it('ignores key order', () => {
    expect(hashJson({ x: 1, y: [2, { q: 3, p: 4 }] })).toBe(hashJson({ y: [2, { p: 4, q: 3 }], x: 1 }));
  });
});
