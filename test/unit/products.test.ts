import { describe, expect, it } from 'vitest';
import { InputError } from '../../shared/core/errors.js';
import { MAX_PRODUCTS, MAX_PRODUCT_TEXT_CHARS, parseProducts } from '../../shared/core/inputs/index.js';

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as InputError).message;
  }
  throw new Error('expected an InputError');
}

describe('parseProducts', () => {
  it('parses names and aliases, trimming, defaulting aliases to [] and ignoring unknown fields', () => {
    // Prepare
    const json = JSON.stringify([
      { name: ' Glow Serum ', aliases: ['serum', ' 精华 '], sku: 'GS-01' },
      { name: '口红', price: 99 },
    ]);

    // Act
    const products = parseProducts(json, 'products.json');

    // Assess
    expect(products).toEqual([
      { name: 'Glow Serum', aliases: ['serum', '精华'] },
      { name: '口红', aliases: [] },
    ]);
  });

  it('drops aliases that repeat the name or each other (case-insensitive)', () => {
    const products = parseProducts('[{"name": "Pen", "aliases": ["pen", "Stylus", "STYLUS", "biro"]}]', 'p.json');
    expect(products[0]?.aliases).toEqual(['Stylus', 'biro']);
  });

  it('accepts an empty list and a byte-order mark', () => {
    expect(parseProducts('\ufeff[]', 'p.json')).toEqual([]);
  });

  it('rejects invalid JSON, naming the file and the expected shape', () => {
    const message = messageOf(() => parseProducts('[{"name": "x",}]', 'p.json'));
    expect(message).toMatch(/^products file p\.json is not valid JSON \(.+\); expected a JSON array like \[\{"name"/);
  });

  it('names the path of the first problem in the shape', () => {
    expect(messageOf(() => parseProducts('{"name": "x"}', 'p.json'))).toMatch(/^products file p\.json is invalid at \(root\): /);
    expect(messageOf(() => parseProducts('[{"name": "ok"}, {"aliases": []}]', 'p.json'))).toMatch(/invalid at \[1\]\.name: /);
    expect(messageOf(() => parseProducts('[{"name": "   "}]', 'p.json'))).toMatch(/invalid at \[0\]\.name: must not be empty/);
    expect(messageOf(() => parseProducts('[{"name": "a", "aliases": ["b", 3]}]', 'p.json'))).toMatch(/invalid at \[0\]\.aliases\[1\]: /);
    expect(messageOf(() => parseProducts('[{"name": "a", "aliases": "b"}]', 'p.json'))).toMatch(/invalid at \[0\]\.aliases: /);
    expect(messageOf(() => parseProducts('["Glow Serum"]', 'p.json'))).toMatch(/invalid at \[0\]: /);
  });

  it('rejects duplicate product names', () => {
    expect(messageOf(() => parseProducts('[{"name": "Serum"}, {"name": "serum"}]', 'p.json'))).toMatch(
      /invalid at \[1\]\.name: duplicate product name "serum"/,
    );
  });

  it('bounds the number of products and the length of names', () => {
    const tooMany = JSON.stringify(Array.from({ length: MAX_PRODUCTS + 1 }, (_, i) => ({ name: `p${i}` })));
    expect(messageOf(() => parseProducts(tooMany, 'p.json'))).toMatch(/invalid at \(root\): /);
    const justEnough = JSON.stringify(Array.from({ length: MAX_PRODUCTS }, (_, i) => ({ name: `p${i}` })));
    expect(parseProducts(justEnough, 'p.json')).toHaveLength(MAX_PRODUCTS);
    const longName = JSON.stringify([{ name: 'x'.repeat(MAX_PRODUCT_TEXT_CHARS + 1) }]);
    expect(messageOf(() => parseProducts(longName, 'p.json'))).toMatch(/invalid at \[0\]\.name: /);
  });

  it('rejects empty and binary files', () => {
    expect(messageOf(() => parseProducts('  ', 'p.json'))).toMatch(/^products file p\.json is empty/);
    expect(messageOf(() => parseProducts('\u0000\u0001\u0002', 'p.json'))).toMatch(/looks like binary data/);
  });

  it('keeps every error message on one line', () => {
    for (const text of ['[', '{}', '[{"name": 1}]']) expect(messageOf(() => parseProducts(text, 'p.json'))).not.toContain('\n');
  });
});
