/**
 * zod schema -> a JSON schema OpenAI's structured outputs accept with `strict: true`.
 *
 * Strict mode wants every object closed (`additionalProperties: false`) with every property listed in
 * `required`, a root that is an object, and only a subset of keywords. The conversion:
 * - closes every object and lists every property as required; a property that is optional in zod
 *   (`.optional()`, `.default()`) becomes "value or null" for the model, and `dropNullsForOptional`
 *   removes those nulls from the answer before zod validates it (so zod still sees "absent");
 * - turns `oneOf` (discriminated unions) into `anyOf`;
 * - drops keywords strict mode rejects or that only constrain (string lengths, regex patterns,
 *   defaults, titles): zod still enforces them when the answer is validated, so a violation
 *   becomes a MalformedAnswerError instead of a rejected request;
 * - refuses what strict mode cannot express: records (`z.record`), tuples, intersections,
 *   `z.any()`/`z.unknown()`, transforms that have no JSON form, and a non-object root.
 */
import { z } from 'zod';
import { PostshowError } from '../../core/errors.js';

/** A schema a caller passed cannot be sent in strict mode. Permanent: it is a programming error. */
export class UnsupportedSchemaError extends PostshowError {
  constructor(message: string) {
    super(message, { permanent: true });
    this.name = 'UnsupportedSchemaError';
  }
}

type JsonSchemaNode = Record<string, unknown>;

/** The strict schema to send, and the zod-derived (input side) schema used to strip the added nulls. */
export interface StrictJsonSchema {
  readonly schema: JsonSchemaNode;
  readonly source: JsonSchemaNode;
}

/** String formats structured outputs accept. */
const SUPPORTED_FORMATS = new Set(['date-time', 'time', 'date', 'duration', 'email', 'hostname', 'ipv4', 'ipv6', 'uuid']);
const PASSTHROUGH_KEYWORDS = ['description', 'enum', 'const', 'minItems', 'maxItems', 'multipleOf', 'exclusiveMinimum', 'exclusiveMaximum'];
const REFUSED_KEYWORDS: Readonly<Record<string, string>> = {
  allOf: 'intersections (z.intersection / .and) are not supported',
  not: '`not` is not supported',
  if: 'conditional schemas are not supported',
  prefixItems: 'tuples (z.tuple) are not supported: use an object or an array',
  patternProperties: 'records (z.record) are not supported: use an array of { key, value } objects',
  propertyNames: 'records (z.record) are not supported: use an array of { key, value } objects',
};

const isNode = (value: unknown): value is JsonSchemaNode => value !== null && typeof value === 'object' && !Array.isArray(value);

/** Converts `schema` (its input side: what the model must produce) or throws UnsupportedSchemaError. */
export function toStrictJsonSchema(schema: z.ZodType): StrictJsonSchema {
  let source: JsonSchemaNode;
  try {
    source = z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12' }) as JsonSchemaNode;
  } catch (error) {
    throw new UnsupportedSchemaError(`schema has no JSON Schema form: ${error instanceof Error ? error.message : String(error)}`);
  }
  const root = convertNode(source, '$');
  if (root.type !== 'object') throw new UnsupportedSchemaError('the root of a structured-output schema must be z.object(...)');
  const defs = source.$defs;
  if (isNode(defs)) {
    root.$defs = Object.fromEntries(Object.entries(defs).map(([name, def]) => [name, convertNode(def, `$defs.${name}`)]));
  }
  return { schema: root, source };
}

function convertNode(node: unknown, path: string): JsonSchemaNode {
  if (!isNode(node)) throw new UnsupportedSchemaError(`${path}: boolean schemas are not supported`);
  for (const [keyword, reason] of Object.entries(REFUSED_KEYWORDS)) {
    if (keyword in node) throw new UnsupportedSchemaError(`${path}: ${reason}`);
  }
  if (typeof node.$ref === 'string') return { $ref: node.$ref };

  const out: JsonSchemaNode = {};
  const union = node.anyOf ?? node.oneOf;
  if (Array.isArray(union)) out.anyOf = union.map((branch, index) => convertNode(branch, `${path}|${index}`));
  if (node.type !== undefined) out.type = node.type;
  for (const keyword of PASSTHROUGH_KEYWORDS) if (keyword in node) out[keyword] = node[keyword];
  if (typeof node.format === 'string' && SUPPORTED_FORMATS.has(node.format)) out.format = node.format;
  for (const bound of ['minimum', 'maximum'] as const) {
    // zod writes ±MAX_SAFE_INTEGER for every .int(); it says nothing, so it is left out.
    const value = node[bound];
    if (typeof value === 'number' && Math.abs(value) !== Number.MAX_SAFE_INTEGER) out[bound] = value;
  }
  if (out.type === undefined && out.anyOf === undefined && out.enum === undefined && out.const === undefined) {
    throw new UnsupportedSchemaError(`${path}: z.any()/z.unknown() (a schema without a type) is not supported`);
  }

  const types = Array.isArray(out.type) ? out.type : [out.type];
  if (types.includes('object')) {
    // A typed catch-all is a record; an empty one (`.loose()` / `.passthrough()`) is simply closed.
    if (isNode(node.additionalProperties) && Object.keys(node.additionalProperties).length > 0) {
      throw new UnsupportedSchemaError(`${path}: ${REFUSED_KEYWORDS.propertyNames}`);
    }
    const properties = isNode(node.properties) ? node.properties : {};
    const required = new Set(Array.isArray(node.required) ? (node.required as string[]) : []);
    out.properties = Object.fromEntries(
      Object.entries(properties).map(([name, property]) => {
        const converted = convertNode(property, `${path}.${name}`);
        return [name, required.has(name) || acceptsNull(converted) ? converted : { anyOf: [converted, { type: 'null' }] }];
      }),
    );
    out.required = Object.keys(properties);
    out.additionalProperties = false;
  }
  if (types.includes('array')) {
    if (!isNode(node.items)) throw new UnsupportedSchemaError(`${path}: arrays need an item schema`);
    out.items = convertNode(node.items, `${path}[]`);
  }
  return out;
}

function acceptsNull(node: unknown): boolean {
  if (!isNode(node)) return false;
  if (node.type === 'null' || (Array.isArray(node.type) && node.type.includes('null'))) return true;
  if (node.const === null || (Array.isArray(node.enum) && node.enum.includes(null))) return true;
  return Array.isArray(node.anyOf) && node.anyOf.some(acceptsNull);
}

/**
 * The model's answer with the nulls removed that stand for "absent" (properties zod treats as
 * optional and that do not accept null themselves), so `schema.parse` sees what zod expects.
 */
export function dropNullsForOptional(value: unknown, strict: StrictJsonSchema): unknown {
  const defs = isNode(strict.source.$defs) ? strict.source.$defs : {};
  const resolve = (node: unknown): JsonSchemaNode | undefined => {
    let current = node;
    for (let hops = 0; isNode(current) && typeof current.$ref === 'string' && hops < 32; hops += 1) {
      const ref: string = current.$ref;
      current = ref === '#' ? strict.source : ref.startsWith('#/$defs/') ? defs[ref.slice('#/$defs/'.length)] : undefined;
    }
    return isNode(current) ? current : undefined;
  };

  const visit = (item: unknown, schemaNode: unknown): unknown => {
    const node = resolve(schemaNode);
    if (!node) return item;
    const union = node.anyOf ?? node.oneOf;
    if (Array.isArray(union) && item !== null && typeof item === 'object') return visit(item, pickBranch(item, union.map(resolve)));
    if (Array.isArray(item)) return isNode(node.items) ? item.map((element) => visit(element, node.items)) : item;
    if (isNode(item) && isNode(node.properties)) {
      const properties = node.properties;
      const required = new Set(Array.isArray(node.required) ? (node.required as string[]) : []);
      const out: Record<string, unknown> = {};
      for (const [key, child] of Object.entries(item)) {
        const childSchema = properties[key];
        if (child === null && !required.has(key) && !acceptsNull(resolve(childSchema))) continue;
        out[key] = visit(child, childSchema);
      }
      return out;
    }
    return item;
  };
  return visit(value, strict.source);
}

/** The union branch an object or array belongs to: the first whose `const` properties all match, else the first of the right kind. */
function pickBranch(item: object, branches: readonly (JsonSchemaNode | undefined)[]): JsonSchemaNode | undefined {
  const wanted = Array.isArray(item) ? 'array' : 'object';
  const ofKind = branches.filter((branch): branch is JsonSchemaNode => {
    const type = branch?.type;
    return type === wanted || (Array.isArray(type) && type.includes(wanted));
  });
  if (wanted === 'object') {
    const record = item as Record<string, unknown>;
    const matching = ofKind.find((branch) =>
      Object.entries(isNode(branch.properties) ? branch.properties : {}).every(
        ([key, property]) => !isNode(property) || !('const' in property) || property.const === record[key],
      ),
    );
    if (matching) return matching;
  }
  return ofKind[0];
}
