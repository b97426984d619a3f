import { describe, expect, it } from 'vitest';
import { linkKey } from '../../../client/src/classroom/links.js';

describe('a pasted personal link', () => {
  it('yields its key, from a whole link or a bare key, and nothing from other text', () => {
    expect(linkKey('http://10.0.0.5:2567/?join=ABCDEF&key=3BWEcfiGycsuZ9SToYmqcqMm')).toBe('3BWEcfiGycsuZ9SToYmqcqMm');
    expect(linkKey('  6Mi0VZdxaQ3T7_Y_-uJw_GPf ')).toBe('6Mi0VZdxaQ3T7_Y_-uJw_GPf');
    expect(linkKey('Layla')).toBe('');
    expect(linkKey('')).toBe('');
  });
});
