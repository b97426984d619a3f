import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { botLabel, loadModuleStrategy, resolveBot } from '../../../server/bots/resolve.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');

describe('resolveBot', () => {
  it('takes registry names, Strategy modules and protocol programs', () => {
    expect(resolveBot('hodl-miner')).toEqual({ kind: 'registry', spec: 'hodl-miner', name: 'hodl-miner' });
    expect(resolveBot('test/server/bots/fixtures/loopStrategy.ts', { cwd: ROOT })).toMatchObject({ kind: 'module' });
    const py = resolveBot('kits/python/bot.py', { cwd: ROOT });
    expect(py).toMatchObject({ kind: 'process', spawn: { command: join(ROOT, 'kits/python/bot.py'), args: [], memoryCap: 'ulimit' } });
    // A #! node script runs on this node, so the heap cap applies.
    expect(resolveBot('kits/js/bot.mjs', { cwd: ROOT })).toMatchObject({ kind: 'process', spawn: { command: process.execPath, memoryCap: 'node-heap' } });
    expect(resolveBot('kits/python', { cwd: ROOT })).toMatchObject({ kind: 'process', file: join(ROOT, 'kits/python/bot.py') });
  });

  it('runs a script without the exec bit by its extension, and exec:/module: decide for .js files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'resolve-'));
    writeFileSync(join(dir, 'plain.py'), 'print(1)\n');
    expect(resolveBot(join(dir, 'plain.py'))).toMatchObject({ kind: 'process', spawn: { command: 'python3', args: [join(dir, 'plain.py')] } });
    writeFileSync(join(dir, 'strategy.js'), 'export default { name: "s", description: "d", decide: () => [] };\n');
    expect(resolveBot(join(dir, 'strategy.js'))).toMatchObject({ kind: 'module' });
    expect(resolveBot(`exec:${join(dir, 'strategy.js')}`)).toMatchObject({ kind: 'process' });
    writeFileSync(join(dir, 'tool'), '#!/bin/sh\n');
    chmodSync(join(dir, 'tool'), 0o755);
    expect(resolveBot(join(dir, 'tool'))).toMatchObject({ kind: 'process', spawn: { command: join(dir, 'tool') } });
    mkdirSync(join(dir, 'bots', 'mine'), { recursive: true });
    writeFileSync(join(dir, 'bots', 'mine', 'main.py'), '');
    // A server's BOTS_DIR: a bare name that is not in the registry is looked up there.
    expect(resolveBot('mine', { dirs: [join(dir, 'bots')] })).toMatchObject({ kind: 'process', file: join(dir, 'bots', 'mine', 'main.py') });
  });

  it('says what it tried when a bot cannot be found', () => {
    expect(() => resolveBot('no-such-bot')).toThrow(/unknown bot "no-such-bot" \(registry: idle, random/);
    expect(() => resolveBot('./missing.py', { cwd: ROOT })).toThrow(/no such file .*missing\.py/);
    expect(() => resolveBot('./shared', { cwd: ROOT })).toThrow(/has none of bot, bot\.py/);
  });

  it('labels bots by name, file or folder', () => {
    expect(botLabel('hodl-miner')).toBe('hodl-miner');
    expect(botLabel('./kits/python/bot.py')).toBe('python');
    expect(botLabel('bots/sharp.ts')).toBe('sharp');
  });

  it('loads a module\'s Strategy from its exports', async () => {
    const s = await loadModuleStrategy(join(ROOT, 'test/server/bots/fixtures/loopStrategy.ts'), 'x');
    expect(s.name).toBe('loop-module');
    expect(s.decide({ day: 0 } as never, {} as never)).toEqual([]);
    const dir = mkdtempSync(join(tmpdir(), 'resolve-'));
    writeFileSync(join(dir, 'none.mjs'), 'export const x = 1;\n');
    await expect(loadModuleStrategy(join(dir, 'none.mjs'), 'none')).rejects.toThrow(/exports no Strategy/);
  });
});
