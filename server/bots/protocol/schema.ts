/**
 * The bot protocol's JSON Schema, generated from the code so it follows the engine: the actions
 * from their zod schemas (`z.toJSONSchema`), the PlayerView from its TypeScript type (walked with
 * the compiler's type checker). `npm run bot:schema` writes it to docs/bot-protocol.schema.json; a
 * test fails when that file is out of date.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import * as z from 'zod';
import { actionSchemas, PLAYER_ACTION_TYPES } from '../../../shared/rules/actions.js';
import { MAX_ACTIONS_PER_DAY } from '../../../shared/bots/types.js';
import { PROTOCOL_VERSION } from './messages.js';

type Json = Record<string, unknown>;

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const SCHEMA_FILE = join(ROOT, 'docs', 'bot-protocol.schema.json');

/** JSON Schema of one TypeScript type; named interfaces/aliases go to `$defs` so the file stays readable. */
class TypeToSchema {
  readonly defs: Record<string, Json> = {};
  private readonly visiting = new Set<string>();
  constructor(private readonly checker: ts.TypeChecker) {}

  convert(type: ts.Type): Json {
    const c = this.checker;
    const f = type.flags;
    if (f & ts.TypeFlags.Any || f & ts.TypeFlags.Unknown) return {};
    if (f & ts.TypeFlags.StringLiteral) return { const: (type as ts.StringLiteralType).value };
    if (f & ts.TypeFlags.NumberLiteral) return { const: (type as ts.NumberLiteralType).value };
    if (f & ts.TypeFlags.BooleanLiteral) return { const: c.typeToString(type) === 'true' };
    if (f & ts.TypeFlags.String) return { type: 'string' };
    if (f & ts.TypeFlags.Number) return { type: 'number' };
    if (f & ts.TypeFlags.Boolean) return { type: 'boolean' };
    if (f & ts.TypeFlags.Null) return { type: 'null' };
    if (type.isUnion()) {
      const members = type.types.filter((t) => !(t.flags & ts.TypeFlags.Undefined));
      // boolean is the union true | false: keep it one type.
      if (members.length === 2 && members.every((t) => t.flags & ts.TypeFlags.BooleanLiteral)) return { type: 'boolean' };
      if (members.every((t) => t.flags & ts.TypeFlags.StringLiteral)) {
        return { type: 'string', enum: members.map((t) => (t as ts.StringLiteralType).value).sort() };
      }
      const parts = members.map((t) => this.convert(t));
      return parts.length === 1 ? parts[0]! : { anyOf: parts };
    }
    if (c.isArrayType(type) || c.isTupleType(type)) {
      const [item] = c.getTypeArguments(type as ts.TypeReference);
      return { type: 'array', items: item ? this.convert(item) : {} };
    }
    if (f & ts.TypeFlags.Object || type.isIntersection()) return this.object(type);
    throw new Error(`bot schema: cannot express ${c.typeToString(type)} in JSON Schema`);
  }

  private object(type: ts.Type): Json {
    const name = this.nameOf(type);
    if (name) {
      if (!this.defs[name] && !this.visiting.has(name)) {
        this.visiting.add(name);
        this.defs[name] = this.shape(type);
        this.visiting.delete(name);
      }
      return { $ref: `#/$defs/${name}` };
    }
    return this.shape(type);
  }

  private shape(type: ts.Type): Json {
    const c = this.checker;
    const index = c.getIndexInfoOfType(type, ts.IndexKind.String);
    const props = c.getPropertiesOfType(type);
    const out: Json = { type: 'object' };
    if (props.length > 0) {
      const properties: Json = {};
      const required: string[] = [];
      for (const p of props) {
        const decl = p.valueDeclaration ?? p.declarations?.[0];
        const pt = decl ? c.getTypeOfSymbolAtLocation(p, decl) : c.getTypeOfSymbol(p);
        const schema = this.convert(pt);
        const doc = ts.displayPartsToString(p.getDocumentationComment(c)).trim();
        properties[p.name] = doc ? { description: doc, ...schema } : schema;
        if (!(p.flags & ts.SymbolFlags.Optional)) required.push(p.name);
      }
      out.properties = properties;
      if (required.length) out.required = required;
    }
    if (index) out.additionalProperties = this.convert(index.type);
    return out;
  }

  /** A reusable name for interfaces and exported aliases; anonymous and generic shapes stay inline. */
  private nameOf(type: ts.Type): string | null {
    const alias = type.aliasSymbol;
    if (alias && !type.aliasTypeArguments?.length) return alias.name;
    const sym = type.getSymbol();
    if (sym && sym.flags & ts.SymbolFlags.Interface && !(type as ts.TypeReference).typeArguments?.length) return sym.name;
    return null;
  }
}

/** The PlayerView type as JSON Schema (its `$defs` included). */
export function playerViewSchema(): { root: Json; defs: Record<string, Json> } {
  const file = join(ROOT, 'shared', 'rules', 'view.ts');
  const program = ts.createProgram([file], {
    target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler,
    strict: true, noEmit: true, skipLibCheck: true, types: [],
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file);
  if (!source) throw new Error(`bot schema: cannot read ${file}`);
  const sym = checker.getExportsOfModule(checker.getSymbolAtLocation(source)!).find((s) => s.name === 'PlayerView');
  if (!sym) throw new Error('bot schema: shared/rules/view.ts exports no PlayerView');
  const conv = new TypeToSchema(checker);
  const root = conv.convert(checker.getDeclaredTypeOfSymbol(sym));
  // An interface lands in $defs and comes back as a $ref; keep PlayerView's own shape there.
  return { root, defs: conv.defs };
}

function actionDefs(): Record<string, Json> {
  const defs: Record<string, Json> = {};
  for (const type of PLAYER_ACTION_TYPES) {
    const schema = z.toJSONSchema(actionSchemas[type], { target: 'draft-2020-12' }) as Json;
    delete schema.$schema;
    defs[`action_${type}`] = schema;
  }
  return defs;
}

/** The whole protocol: every line the engine sends (`toBot`) and every line a bot may send (`fromBot`). */
export function botProtocolSchema(): Json {
  const view = playerViewSchema();
  const actions = actionDefs();
  const actionRef = { anyOf: Object.keys(actions).map((k) => ({ $ref: `#/$defs/${k}` })) };
  const defs: Record<string, Json> = {
    ...view.defs,
    Action: { description: 'One player action (host actions are refused).', ...actionRef },
    ...actions,
    hello: {
      description: 'Engine → bot, first line: who you are in this match.',
      type: 'object',
      properties: {
        type: { const: 'hello' }, protocol: { const: PROTOCOL_VERSION }, playerId: { type: 'string' }, seed: { type: 'string', description: 'Your own seed: use it for any randomness so a match replays identically.' },
        budgetMs: { type: 'number', description: 'CPU time allowed per decision, in ms.' }, scenarioId: { type: 'string' }, endDay: { type: 'number' },
      },
      required: ['type', 'protocol', 'playerId', 'seed', 'budgetMs', 'scenarioId', 'endDay'],
      additionalProperties: false,
    },
    day: {
      description: 'Engine → bot, once per game day: answer with one `actions` line.',
      type: 'object',
      properties: {
        type: { const: 'day' }, day: { type: 'number' }, budgetMs: { type: 'number' }, seed: { type: 'string' },
        view: { $ref: '#/$defs/PlayerView' },
      },
      required: ['type', 'day', 'budgetMs', 'seed', 'view'],
      additionalProperties: false,
    },
    end: {
      description: 'Engine → bot, last line; stdin closes after it. Exit within a second.',
      type: 'object',
      properties: { type: { const: 'end' }, day: { type: 'number' }, reason: { type: 'string' } },
      required: ['type', 'day'],
      additionalProperties: false,
    },
    ready: {
      description: 'Bot → engine, the answer to `hello`: your name and the protocol version you speak.',
      type: 'object',
      properties: { type: { const: 'ready' }, name: { type: 'string', minLength: 1, maxLength: 40 }, protocol: { const: PROTOCOL_VERSION } },
      required: ['type', 'name', 'protocol'],
      additionalProperties: false,
    },
    actions: {
      description: 'Bot → engine, the answer to one `day`.',
      type: 'object',
      properties: {
        type: { const: 'actions' }, day: { type: 'number', description: 'Optional echo of the day answered; a mismatch is garbage.' },
        actions: { type: 'array', maxItems: MAX_ACTIONS_PER_DAY, items: { $ref: '#/$defs/Action' } },
      },
      required: ['type', 'actions'],
      additionalProperties: false,
    },
  };
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `beauty-contest/bot-protocol/v${PROTOCOL_VERSION}`,
    title: `Beauty Contest bot protocol v${PROTOCOL_VERSION}`,
    description: 'One JSON object per line. Generated by `npm run bot:schema` from shared/rules/view.ts and shared/rules/actions.ts; do not edit.',
    protocol: PROTOCOL_VERSION,
    toBot: { anyOf: [{ $ref: '#/$defs/hello' }, { $ref: '#/$defs/day' }, { $ref: '#/$defs/end' }] },
    fromBot: { anyOf: [{ $ref: '#/$defs/ready' }, { $ref: '#/$defs/actions' }] },
    $defs: defs,
  };
}

export function botProtocolSchemaText(): string {
  return `${JSON.stringify(botProtocolSchema(), null, 2)}\n`;
}
