/** How a clip is rendered: its shapes (aspect ratios), reframing, trimming and caption state. */
import { z } from 'zod';
import { readonlyArray, readonlyObject } from './basics.js';
import { transcriptEngineSchema } from './transcript.js';

/** Aspect ratios a clip can be rendered in: the shapes short-video and feed platforms take. */
export const ASPECTS = ['9:16', '1:1', '4:5', '16:9'] as const;
export const aspectSchema = z.enum(ASPECTS);
export type Aspect = z.infer<typeof aspectSchema>;

/**
 * How a source of another shape fills a variant: `subject` follows the salient subject with a moving
 * crop, `blur` fits the whole frame over a blurred copy of itself, `center` crops the middle, `auto`
 * uses `subject` when a stable subject is found and `blur` otherwise.
 */
export const REFRAME_MODES = ['auto', 'subject', 'blur', 'center'] as const;
export const reframeModeSchema = z.enum(REFRAME_MODES);
export type ReframeMode = z.infer<typeof reframeModeSchema>;

/** What trimming may remove inside a clip: long silences, filler words ("um", 嗯). */
export const TRIM_KINDS = ['silence', 'fillers'] as const;
export const trimKindSchema = z.enum(TRIM_KINDS);
export type TrimKind = z.infer<typeof trimKindSchema>;

/** One rendered shape of a clip (`meta.json` `variants[]`). */
export const clipVariantSchema = readonlyObject({
  aspect: aspectSchema,
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  /** Storage key of the mp4. */
  file: z.string(),
  /** How the source was fitted into this shape (`none` when the shapes match). */
  reframe: z.enum(['none', 'subject', 'blur', 'center']),
  /** Storage key of the ASS captions laid out for this shape; absent when the clip has none. */
  captions: z.string().optional(),
  /**
   * How the captions travel: `burned` into the picture, or as a `track` (mov_text) a player switches on, over
   * the recording's own picture (the source-shape variant, smart-cut: whole GOPs copied). Absent in clips made
   * before tracks existed: burned.
   */
  captionsAs: z.enum(['burned', 'track']).optional(),
});
export type ClipVariant = z.infer<typeof clipVariantSchema>;

/** Whether captions were burned into the clip's variants, and why (`meta.json` `captions`). */
export const captionStateSchema = readonlyObject({
  burned: z.boolean(),
  /** The transcript engine the caption text came from. */
  source: transcriptEngineSchema,
  /** Share of the clip's spoken caption time whose text is reliable, 0..1. */
  reliability: z.number().min(0).max(1),
  /** One line for the marketer: why captions were (not) burned, e.g. "62% of the speech was unsure". */
  reason: z.string(),
  /** The caption style preset or file name used. */
  style: z.string(),
});
export type CaptionState = z.infer<typeof captionStateSchema>;

/** The spans of the source kept in a trimmed clip, in source seconds, ascending and disjoint. */
export const keptSpansSchema = readonlyArray(readonlyObject({ start: z.number(), end: z.number() }));

/** Variants with the vertical one first (short-video feeds lead), the rest in the order rendered. */
export function orderedVariants<V extends { readonly aspect: Aspect }>(variants: readonly V[]): V[] {
  return [...variants.filter((variant) => variant.aspect === '9:16'), ...variants.filter((variant) => variant.aspect !== '9:16')];
}
