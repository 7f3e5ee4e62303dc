/** What ingest normalises the side inputs into (chat, metrics, products) and how each parse went. */
import { z } from 'zod';
import { readonlyArray, readonlyObject, textSourceSchema } from './basics.js';

/**
 * Kinds of audience events: a plain chat `message`; a `paid` message (Super Chat, bilibili SC, Twitch
 * bits); a `gift`; a `member` event (subscription, membership, bilibili guard).
 */
export const chatEventKindSchema = z.enum(['message', 'paid', 'gift', 'member']);
export type ChatEventKind = z.infer<typeof chatEventKindSchema>;

/** One audience event of the chat log, on the recording's clock. */
export const chatMessageSchema = readonlyObject({
  /** Seconds from recording start. */
  t: z.number(),
  user: z.string(),
  /** What viewers read; for gifts and member events a short description ("辣条 x10", "subscribed (Tier 1)"). */
  text: z.string(),
  kind: chatEventKindSchema,
  /** Paid messages and gifts: the amount in `currency`, where the log gives one. */
  amount: z.number().optional(),
  /** ISO 4217 code (`CNY`, `USD`, `JPY`) or the platform's unit (`bits`, `bilibili-gold`). */
  currency: z.string().optional(),
});
export type ChatMessage = z.infer<typeof chatMessageSchema>;

/** `inputs/chat.json`: the chat log ingest normalised, in time order. */
export const chatMessagesSchema = readonlyArray(chatMessageSchema);

/** What a side-input parser accepted and what it skipped, and why. Malformed lines are counted, never fatal. */
export const parseReportSchema = readonlyObject({
  format: z.string(),
  accepted: z.number(),
  skipped: z.number(),
  /** reason -> count, e.g. { "invalid JSON": 3, "missing t": 1 } */
  skippedReasons: z.record(z.string(), z.number()).readonly(),
  /**
   * reason -> where it first happened and what was there, e.g. { "non-numeric gmv": "line 14: \"12,5x\"" }, so a
   * user can open the file at that line. Parsers that know their lines fill it in.
   */
  firstSkipped: z.record(z.string(), z.string()).readonly().optional(),
  /** Chat only: accepted events by kind, e.g. { message: 1100, paid: 90, gift: 13 }. */
  kinds: z.record(z.string(), z.number()).readonly().optional(),
  /** The file's text encoding when it was not UTF-8 (`utf-16le`, `utf-16be`, `gb18030`, `big5`): decodeTextInput. */
  encoding: z.string().optional(),
});
export type ParseReport = z.infer<typeof parseReportSchema>;

/**
 * One row of the metrics CSV (`t,viewers,likes,orders,gmv`, optionally `uv,views,product_clicks,add_to_cart,follows`).
 * `viewers` is the concurrent audience at `t`; every other metric is a running total since the show started.
 * Missing columns are undefined.
 */
export const metricsPointSchema = readonlyObject({
  t: z.number(),
  viewers: z.number().optional(),
  likes: z.number().optional(),
  orders: z.number().optional(),
  gmv: z.number().optional(),
  /** Unique viewers so far. */
  uv: z.number().optional(),
  /** Views (entries into the room) so far. */
  views: z.number().optional(),
  productClicks: z.number().optional(),
  addToCart: z.number().optional(),
  follows: z.number().optional(),
});
export type MetricsPoint = z.infer<typeof metricsPointSchema>;

/** `inputs/metrics.json`: the metrics CSV rows, sorted by t. */
export const metricsPointsSchema = readonlyArray(metricsPointSchema);

/** A product and the other names viewers and hosts use for it. */
export const productSchema = readonlyObject({ name: z.string(), aliases: readonlyArray(z.string()) });
export type Product = z.infer<typeof productSchema>;

/** `inputs/products.json`: the show's product list. */
export const productsSchema = readonlyArray(productSchema);

/** A product mentioned at a time, in speech or chat. */
export const productMentionSchema = readonlyObject({ t: z.number(), product: z.string(), matched: z.string(), source: textSourceSchema });
export type ProductMention = z.infer<typeof productMentionSchema>;
