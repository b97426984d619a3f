import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'fs', 'path', 'os', 'crypto', 'child_process', 'http', 'https', 'net', 'url', 'util', 'worker_threads',
  'stream', 'events', 'process', 'buffer', 'timers', 'perf_hooks', 'zlib', 'readline', 'cluster', 'dgram', 'dns', 'tls', 'vm',
];

// `import { z } from 'zod'` takes zod's whole namespace object, which esbuild cannot shake: every
// locale and the JSON-schema converters went into each league bundle (751 KB of a worker's 1.1 MB,
// ~20 ms of every thread's start). `import * as z` lets it keep only what is used.
const zodAsNamespace = ["ImportSpecifier[imported.name='z']", 'ImportDefaultSpecifier'].map((kind) => ({
  selector: `ImportDeclaration[source.value='zod'] > ${kind}`,
  message: "Import zod as `import * as z from 'zod'`: the bundles then keep only what is used.",
}));

const inexactMath = [
  'exp', 'expm1', 'log', 'log1p', 'log2', 'log10', 'pow', 'cbrt', 'hypot',
  'sin', 'cos', 'tan', 'asin', 'acos', 'atan', 'atan2', 'sinh', 'cosh', 'tanh', 'asinh', 'acosh', 'atanh',
];

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'client/dist/**', 'data/**', 'test-results/**', 'coverage/**', '.cache/**'] },
  {
    // Every TypeScript file is linted with type information: floating promises, promises passed
    // where a callback's result is ignored, `any` leaking out of JSON, switches that miss a case.
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['vitest.config.ts', 'client/vite.config.ts'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // A switch over a union names every member, so a new event or action type is a lint error
      // wherever it is not handled yet (a `default` does not silence it).
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      // `{ ref: _ref, ...body }` drops a field; `_ctx` is a parameter the Phase signature requires.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
      'no-restricted-syntax': ['error', ...zodAsNamespace],
    },
  },
  {
    // Tests read what comes off the wire (colyseus.js messages and state, fetch().json(), CLI
    // stdout): it is untyped by nature and each read is checked by the expect() that follows, so
    // the any-propagation family would only demand casts that prove nothing. Every other
    // type-checked rule applies to tests as to the code.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // Plain JavaScript (the starter kit, the test runner, bench bots, this file): the core rules.
    files: ['**/*.js', '**/*.mjs'],
    extends: [js.configs.recommended],
    languageOptions: {
      sourceType: 'module',
      globals: Object.fromEntries(['process', 'console', 'Buffer', 'URL', 'performance', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'].map((g) => [g, 'readonly'])),
    },
  },
  {
    // The core must stay pure and deterministic: no I/O, no clocks, no ambient randomness.
    // shared/sync is the wire's schema (pure data classes): it alone may import @colyseus/schema.
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/server/**', '**/client/**', 'server/**', 'client/**'], message: 'shared/ must not import server or client code.' },
          { group: ['node:*', ...nodeBuiltins, ...nodeBuiltins.map((m) => `${m}/*`)], message: 'shared/ must not import Node built-ins.' },
          { group: ['@colyseus/*', 'colyseus.js', 'phaser', 'better-sqlite3', 'express', 'pino'], message: 'shared/ must not import frameworks or I/O.' },
        ],
      }],
      'no-restricted-properties': ['error',
        { object: 'Math', property: 'random', message: 'Use the seeded RNG in the engine state.' },
        { object: 'Date', property: 'now', message: 'The engine has no clock: time is state.day.' },
        { object: 'performance', property: 'now', message: 'The engine has no clock.' },
        // Engines may differ in the last bit of these: use shared/economy/detMath.ts.
        ...inexactMath.map((property) => ({ object: 'Math', property, message: `Math.${property} differs between JS engines: use detMath.` })),
      ],
      'no-restricted-globals': ['error',
        { name: 'window', message: 'No DOM in shared/.' },
        { name: 'document', message: 'No DOM in shared/.' },
        { name: 'localStorage', message: 'No DOM in shared/.' },
        { name: 'process', message: 'No Node globals in shared/.' },
        { name: 'require', message: 'No Node globals in shared/.' },
        { name: 'setTimeout', message: 'No timers in the engine.' },
        { name: 'setInterval', message: 'No timers in the engine.' },
      ],
      'no-restricted-syntax': ['error', ...zodAsNamespace,
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'new Date() reads the clock: the engine has no clock.' },
        { selector: "BinaryExpression[operator='**']", message: '** differs between JS engines: use detMath.pow.' },
        { selector: "AssignmentExpression[operator='**=']", message: '**= differs between JS engines: use detMath.pow.' },
      ],
    },
  },
  {
    files: ['shared/sync/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['**/server/**', '**/client/**', 'server/**', 'client/**'], message: 'shared/ must not import server or client code.' },
          { group: ['node:*', ...nodeBuiltins, ...nodeBuiltins.map((m) => `${m}/*`)], message: 'shared/ must not import Node built-ins.' },
          { group: ['@colyseus/core', '@colyseus/ws-transport', '@colyseus/tools', 'colyseus.js', 'phaser', 'better-sqlite3', 'express', 'pino'], message: 'shared/sync may import @colyseus/schema only.' },
        ],
      }],
    },
  },
);
