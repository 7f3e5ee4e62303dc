import { z } from 'zod';
import { InputError, reasonOf } from '../errors.js';
import type { Product } from '../types.js';
import { readableText } from './textInput.js';

/**
 * Most products one show can list. A live-commerce run-of-show has tens; the cap bounds matching cost
 * (every chat line is checked against every name and alias).
 * @default 500
 */
export const MAX_PRODUCTS = 500;
/** Most aliases per product. @default 50 */
export const MAX_ALIASES = 50;
/** Longest product name or alias, in characters. @default 200 */
export const MAX_PRODUCT_TEXT_CHARS = 200;

const productText = z.string().trim().min(1, 'must not be empty').max(MAX_PRODUCT_TEXT_CHARS);

/** The products file: `[{"name": "...", "aliases": ["..."]}]`; unknown fields are ignored. */
export const productsFileSchema = z
  .array(
    z.object({
      name: productText,
      // Optional because most products are only ever called by their name.
      aliases: z.array(productText).max(MAX_ALIASES).default([]),
    }),
  )
  .max(MAX_PRODUCTS)
  .superRefine((products, ctx) => {
    // Two entries with one name would make every mention ambiguous.
    const seen = new Set<string>();
    products.forEach((product, index) => {
      const key = product.name.toLowerCase();
      if (seen.has(key)) ctx.addIssue({ code: 'custom', message: `duplicate product name "${product.name}"`, path: [index, 'name'] });
      seen.add(key);
    });
  });

/** The shape we ask for in error messages. */
const EXPECTED_PRODUCTS = 'expected a JSON array like [{"name": "Glow Serum", "aliases": ["serum"]}]';

/**
 * Parses and validates the products file. Names and aliases are trimmed; duplicate aliases of one product
 * (case-insensitive) and aliases equal to the name are dropped.
 * @throws InputError on invalid JSON or shape, naming the path of the first problem (e.g. `[2].aliases[0]`).
 */
export function parseProducts(text: string, name: string): Product[] {
  const content = readableText(text, `products file ${name}`, EXPECTED_PRODUCTS);

  let json: unknown;
  try {
    json = JSON.parse(content);
  } catch (error) {
    throw new InputError(`products file ${name} is not valid JSON (${reasonOf(error)}); ${EXPECTED_PRODUCTS}`, { cause: error });
  }
  const result = productsFileSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue === undefined ? '' : ` at ${formatPath(issue.path)}`;
    throw new InputError(`products file ${name} is invalid${where}: ${issue?.message ?? 'unknown problem'}; ${EXPECTED_PRODUCTS}`, {
      cause: result.error,
    });
  }
  return result.data.map((product) => ({ name: product.name, aliases: distinctAliases(product.name, product.aliases) }));
}

function distinctAliases(productName: string, aliases: readonly string[]): string[] {
  const seen = new Set([productName.toLowerCase()]);
  const kept: string[] = [];
  for (const alias of aliases) {
    const key = alias.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    kept.push(alias);
  }
  return kept;
}

/** `[2, 'aliases', 0]` -> `[2].aliases[0]`; the root is `(root)`. */
function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(root)';
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`)).join('');
}
