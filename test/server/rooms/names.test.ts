import { describe, expect, it } from 'vitest';
import { cleanName } from '../../../server/rooms/names.js';

describe('cleanName', () => {
  it('drops control, bidi-override and BOM characters and keeps every script as typed', () => {
    expect(cleanName('\u202Egnp.exe\u202C Bob\u0000\n')).toBe('gnp.exe Bob');
    expect(cleanName('\u2066Ali\u2069\uFEFF\u001b[31m')).toBe('Ali[31m');
    expect(cleanName('  شركة ليلى ')).toBe('شركة ليلى');
    expect(cleanName('Zoë 株式会社')).toBe('Zoë 株式会社');
    expect(cleanName(undefined)).toBe('');
    expect(cleanName('\u0007\t')).toBe('');
  });
});
