import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { UnsupportedSchemaError, dropNullsForOptional, toStrictJsonSchema } from '../../shared/adapters/openai/strictJsonSchema.js';

/** Every object node of a JSON schema, depth first. */
function objectNodes(node: unknown, found: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (Array.isArray(node)) node.forEach((child) => objectNodes(child, found));
  else if (node !== null && typeof node === 'object') {
    const record = node as Record<string, unknown>;
    if (record.type === 'object') found.push(record);
    Object.values(record).forEach((child) => objectNodes(child, found));
  }
  return found;
}

describe('toStrictJsonSchema', () => {
  it("closes every object and requires every property (OpenAI strict mode's rules)", () => {
    const schema = z.object({
      title: z.string().min(1).max(80),
      note: z.string().optional(),
      items: z.array(z.object({ id: z.enum(['a', 'b']), score: z.number().int().min(0).max(10).nullable() })).max(3),
      kind: z.discriminatedUnion('k', [z.object({ k: z.literal('x') }), z.object({ k: z.literal('y'), n: z.number() })]),
    });
    const { schema: strict } = toStrictJsonSchema(schema);
    const objects = objectNodes(strict);
    expect(objects.length).toBe(4);
    for (const node of objects) {
      expect(node.additionalProperties).toBe(false);
      expect(node.required).toEqual(Object.keys(node.properties as object));
    }
    expect(strict).not.toHaveProperty('$schema');
    expect(strict).toHaveProperty(['properties', 'title'], { type: 'string' });
    expect(strict).toHaveProperty(['properties', 'note'], { anyOf: [{ type: 'string' }, { type: 'null' }] });
    expect(strict).toHaveProperty(['properties', 'items', 'maxItems'], 3);
    // zod writes a bounded nullable number as anyOf [number, null]; the bounds stay (strict mode supports them).
    expect(strict).toHaveProperty(['properties', 'items', 'items', 'properties', 'score'], { anyOf: [{ type: 'integer', minimum: 0, maximum: 10 }, { type: 'null' }] });
    expect(strict).toHaveProperty(['properties', 'kind', 'anyOf', 1, 'required'], ['k', 'n']);
    expect(JSON.stringify(strict)).not.toMatch(/oneOf|minLength|maxLength|pattern|default/);
  });

  it('converts the pipeline assist schemas (enum ids, bounded strings and arrays)', () => {
    const ids = ['h1', 'h2'] as const;
    const rerank = z.object({ order: z.array(z.object({ id: z.enum(ids), reason: z.string().min(1).max(160) })).max(ids.length) });
    expect(toStrictJsonSchema(rerank).schema).toEqual({
      type: 'object',
      properties: {
        order: {
          type: 'array',
          maxItems: 2,
          items: {
            type: 'object',
            properties: { id: { type: 'string', enum: ['h1', 'h2'] }, reason: { type: 'string' } },
            required: ['id', 'reason'],
            additionalProperties: false,
          },
        },
      },
      required: ['order'],
      additionalProperties: false,
    });
  });

  it('closes a loose object instead of refusing it', () => {
    expect(toStrictJsonSchema(z.looseObject({ a: z.string() })).schema).toEqual({
      type: 'object',
      properties: { a: { type: 'string' } },
      required: ['a'],
      additionalProperties: false,
    });
  });

  it('refuses what strict mode cannot express', () => {
    const refused = [
      [z.object({ r: z.record(z.string(), z.number()) }), /records/],
      [z.object({ t: z.tuple([z.string(), z.number()]) }), /tuples/],
      [z.object({ u: z.unknown() }), /without a type/],
      [z.array(z.string()), /root .* must be z\.object/],
      [z.object({ d: z.date() }), /no JSON Schema form/],
    ] as const;
    for (const [schema, message] of refused) {
      expect(() => toStrictJsonSchema(schema)).toThrow(UnsupportedSchemaError);
      expect(() => toStrictJsonSchema(schema)).toThrow(message);
    }
  });
});

describe('dropNullsForOptional', () => {
  it('removes nulls standing for absent optional fields, keeps real nulls, and zod then accepts the answer', () => {
    const schema = z.object({
      title: z.string(),
      subtitle: z.string().optional(),
      rating: z.number().nullable(),
      tags: z.array(z.object({ tag: z.string(), weight: z.number().optional() })).default([]),
    });
    const strict = toStrictJsonSchema(schema);
    const answer = { title: 'T', subtitle: null, rating: null, tags: [{ tag: '#a', weight: null }, { tag: '#b', weight: 2 }] };
    expect(schema.safeParse(answer).success).toBe(false);
    const cleaned = dropNullsForOptional(answer, strict);
    expect(cleaned).toEqual({ title: 'T', rating: null, tags: [{ tag: '#a' }, { tag: '#b', weight: 2 }] });
    expect(schema.parse(cleaned)).toEqual(cleaned);
    expect(schema.parse(dropNullsForOptional({ title: 'T', subtitle: 's', rating: 1, tags: null }, strict))).toEqual({ title: 'T', subtitle: 's', rating: 1, tags: [] });
  });

  it('follows the branch of a discriminated union', () => {
    const schema = z.object({
      event: z.discriminatedUnion('kind', [z.object({ kind: z.literal('a'), x: z.string().optional() }), z.object({ kind: z.literal('b'), y: z.number().optional() })]),
    });
    const strict = toStrictJsonSchema(schema);
    expect(dropNullsForOptional({ event: { kind: 'b', y: null } }, strict)).toEqual({ event: { kind: 'b' } });
  });
});
