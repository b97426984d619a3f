// A small JSON Schema (2020-12 subset) validator driven by docs/bot-protocol.schema.json, so a bot
// can check its own answer and print a clear error before the engine counts a strike.
// Usage: import { validateMessage } from './validate.mjs';
//        const errors = validateMessage('fromBot', { type: 'actions', actions: [...] });
//   CLI: node kits/js/validate.mjs '{"type":"actions","actions":[{"type":"buySite"}]}'
import { readFileSync } from 'node:fs';

const schemaUrl = process.env.BOT_SCHEMA ? new URL(`file://${process.env.BOT_SCHEMA}`) : new URL('../../docs/bot-protocol.schema.json', import.meta.url);
export const schema = JSON.parse(readFileSync(schemaUrl, 'utf8'));

const typeOf = (v) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

function resolveRef(ref) {
  if (!ref.startsWith('#/')) throw new Error(`only local $refs are supported, got ${ref}`);
  return ref.slice(2).split('/').reduce((node, key) => node?.[key], schema);
}

function matchesType(t, v) {
  if (t === 'integer') return Number.isInteger(v);
  if (t === 'number') return typeof v === 'number' && Number.isFinite(v);
  return typeOf(v) === t;
}

/** Every error as "path: message"; [] when `value` matches `node`. */
export function validate(node, value, path = '$') {
  if (node.$ref) return validate(resolveRef(node.$ref), value, path);
  const errors = [];
  if ('const' in node && value !== node.const) return [`${path}: must be ${JSON.stringify(node.const)}, got ${JSON.stringify(value)}`];
  if (node.enum && !node.enum.includes(value)) return [`${path}: must be one of ${node.enum.map((e) => JSON.stringify(e)).join(', ')}, got ${JSON.stringify(value)}`];
  if (node.type) {
    const types = Array.isArray(node.type) ? node.type : [node.type];
    if (!types.some((t) => matchesType(t, value))) return [`${path}: must be ${types.join(' or ')}, got ${typeOf(value)}`];
  }
  const branches = node.anyOf ?? node.oneOf;
  if (branches) {
    // A union keyed on "type" (actions, messages): judge the value by the branch its "type" names.
    const tagged = branches.map((b) => (b.$ref ? resolveRef(b.$ref) : b)).map((b) => ({ b, tag: b?.properties?.type?.const }));
    if (typeOf(value) === 'object' && tagged.every((x) => x.tag !== undefined)) {
      const hit = tagged.find((x) => x.tag === value.type);
      if (!hit) return [`${path}.type: must be one of ${tagged.map((x) => JSON.stringify(x.tag)).join(', ')}, got ${JSON.stringify(value.type)}`];
      return validate(hit.b, value, path);
    }
    const all = branches.map((b) => validate(b, value, path));
    if (!all.some((e) => e.length === 0)) errors.push(...all.sort((a, b) => a.length - b.length)[0]);
  }
  if (typeof value === 'number') {
    if (node.minimum !== undefined && value < node.minimum) errors.push(`${path}: must be ≥ ${node.minimum}, got ${value}`);
    if (node.maximum !== undefined && value > node.maximum) errors.push(`${path}: must be ≤ ${node.maximum}, got ${value}`);
    if (node.exclusiveMinimum !== undefined && value <= node.exclusiveMinimum) errors.push(`${path}: must be > ${node.exclusiveMinimum}, got ${value}`);
    if (node.exclusiveMaximum !== undefined && value >= node.exclusiveMaximum) errors.push(`${path}: must be < ${node.exclusiveMaximum}, got ${value}`);
  }
  if (typeof value === 'string') {
    if (node.minLength !== undefined && value.length < node.minLength) errors.push(`${path}: must have at least ${node.minLength} characters`);
    if (node.maxLength !== undefined && value.length > node.maxLength) errors.push(`${path}: must have at most ${node.maxLength} characters`);
  }
  if (Array.isArray(value)) {
    if (node.maxItems !== undefined && value.length > node.maxItems) errors.push(`${path}: at most ${node.maxItems} items, got ${value.length}`);
    if (node.minItems !== undefined && value.length < node.minItems) errors.push(`${path}: at least ${node.minItems} items, got ${value.length}`);
    if (node.items) value.forEach((item, i) => errors.push(...validate(node.items, item, `${path}[${i}]`)));
  }
  if (typeOf(value) === 'object') {
    for (const key of node.required ?? []) if (!(key in value)) errors.push(`${path}: missing required field "${key}"`);
    for (const [key, v] of Object.entries(value)) {
      const prop = node.properties?.[key];
      if (prop) errors.push(...validate(prop, v, `${path}.${key}`));
      else if (node.additionalProperties === false) errors.push(`${path}: unknown field "${key}"`);
      else if (typeof node.additionalProperties === 'object') errors.push(...validate(node.additionalProperties, v, `${path}.${key}`));
    }
  }
  return errors;
}

/** Checks one protocol message: `direction` is "fromBot" (ready, actions) or "toBot" (hello, day, end). */
export function validateMessage(direction, message) {
  return validate(schema[direction], message);
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  const text = process.argv[2];
  if (!text) {
    console.error('usage: node kits/js/validate.mjs \'{"type":"actions","actions":[…]}\'  (checks a line a bot would send)');
    process.exit(2);
  }
  const errors = validateMessage('fromBot', JSON.parse(text));
  for (const e of errors) console.error(e);
  console.log(errors.length ? `${errors.length} error(s)` : 'valid');
  process.exit(errors.length ? 1 : 0);
}
