import { describe, expect, it } from 'vitest';
import { canonicalJson, hashJson, hashText } from '../../../shared/rules/hash.js';
import { getScenario } from '../../../shared/economy/scenarios/index.js';
import { runMatch } from '../../../shared/bots/runMatch.js';

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

  it('hashes a whole match state as the hash of its canonical text, without building the text', () => {
    const bots = ['hodl-miner', 'ai-pivot', 'lease-speculator'].map((name, k) => ({ id: `p${k + 1}`, name, strategy: name }));
    const { state } = runMatch({ scenario: { ...getScenario('halving-sprint')!, days: 40 }, seed: 'hash-stream', bots });
    expect(hashJson(state)).toBe(hashText(canonicalJson(state)));
  });
});
