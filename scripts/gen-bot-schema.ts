/**
 * `npm run bot:schema`: writes docs/bot-protocol.schema.json from the code (PlayerView type, action
 * zod schemas). `--check` exits 1 instead when the file is out of date.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { botProtocolSchemaText, SCHEMA_FILE } from '../server/bots/protocol/schema.js';

const text = botProtocolSchemaText();
if (process.argv.includes('--check')) {
  let current = '';
  try { current = readFileSync(SCHEMA_FILE, 'utf8'); } catch { /* missing counts as stale */ }
  if (current !== text) {
    console.error(`${SCHEMA_FILE} is out of date: run npm run bot:schema`);
    process.exit(1);
  }
  console.log(`${SCHEMA_FILE} is up to date`);
} else {
  writeFileSync(SCHEMA_FILE, text);
  console.log(`wrote ${SCHEMA_FILE} (${text.length} bytes)`);
}
