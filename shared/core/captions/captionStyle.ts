/**
 * Caption styles: how burned captions look. A style is a preset name or a JSON style file; every size
 * is relative to the frame, so one style fits 1080x1920, 1080x1080, 1080x1350 and 1920x1080 alike.
 */
import { z } from 'zod';
import { InputError } from '../errors.js';

/** `#RRGGBB` or `#RRGGBBAA` (AA is opacity, `FF` opaque, as in CSS). */
const colourSchema = z
  .string()
  .regex(/^#(?:[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$/, 'must be a colour #RRGGBB or #RRGGBBAA (AA = opacity, FF opaque)');

/** Where caption lines sit in the frame. */
export const CAPTION_POSITIONS = ['bottom', 'middle', 'top'] as const;

/**
 * Every field of a caption style. Sizes are percent of the frame's shorter side (so the text has the
 * same share of a phone screen in every shape); the margin is percent of the frame height.
 */
export const captionStyleSchema = z
  .object({
    /** Name recorded in the clip's caption state (`meta.json` `captions.style`). */
    name: z.string().min(1).max(64),
    /** Font family; must be in the renderer's fonts directory and cover Chinese. */
    font: z
      .string()
      .min(1)
      .max(128)
      .regex(/^[^,\r\n]+$/, 'must not contain commas or line breaks'),
    bold: z.boolean(),
    /** Font size (the ASS line height), percent of the frame's shorter side. */
    size: z.number().min(2).max(20),
    /** Text colour. */
    primaryColour: colourSchema,
    /** Colour of the word being spoken when `karaoke` is on. */
    highlightColour: colourSchema,
    /** Outline colour (ignored when `box` is on). */
    outlineColour: colourSchema,
    /** Outline thickness, percent of the frame's shorter side; with `box` on, the box padding. */
    outlineWidth: z.number().min(0).max(3),
    /** Drop shadow offset, percent of the frame's shorter side, in the outline colour at 60% opacity (0: none). */
    shadow: z.number().min(0).max(3),
    /** An opaque box behind each line instead of an outline. */
    box: z.boolean(),
    /** Box colour; `#RRGGBBAA` for a see-through box. */
    boxColour: colourSchema,
    position: z.enum(CAPTION_POSITIONS),
    /** Distance from the frame edge the text sits on (top or bottom), percent of the frame height; unused for `middle`. */
    margin: z.number().min(0).max(45),
    /** Longest line in Latin characters; a Chinese character counts as two. */
    maxCharsPerLine: z.number().int().min(8).max(80),
    /** Lines per caption (a longer sentence is shown as several captions). */
    maxLines: z.number().int().min(1).max(3),
    /** Highlight the word being spoken, one caption event per word. */
    karaoke: z.boolean(),
  })
  .strict();
/** A complete caption style (a preset, or a style file laid over one). */
export type CaptionStyle = z.infer<typeof captionStyleSchema>;

/** The default font: Noto Sans CJK covers Latin and Chinese (Debian `fonts-noto-cjk`). */
export const DEFAULT_CAPTION_FONT = 'Noto Sans CJK SC';

const BOLD: CaptionStyle = {
  name: 'bold',
  font: DEFAULT_CAPTION_FONT,
  bold: true,
  size: 8.5,
  primaryColour: '#FFFFFF',
  highlightColour: '#FFD400',
  outlineColour: '#000000',
  outlineWidth: 0.55,
  shadow: 0,
  box: false,
  boxColour: '#000000B0',
  position: 'bottom',
  // Above the caption bar, like and share buttons short-video apps overlay on the bottom of a 9:16 frame.
  margin: 18,
  maxCharsPerLine: 28,
  maxLines: 2,
  karaoke: false,
};

/** Built-in styles; `bold` is the default. */
export const CAPTION_STYLE_PRESETS = {
  /** Plain white text with a thin outline: for footage that should stay in front. */
  // A thin outline alone disappears on bright footage; the soft shadow keeps it readable.
  clean: { ...BOLD, name: 'clean', bold: false, size: 7, outlineWidth: 0.3, shadow: 0.3 },
  /** Large bold white text with a thick black outline: readable on any footage. */
  bold: BOLD,
  /** White text on a see-through dark box. */
  boxed: { ...BOLD, name: 'boxed', size: 7.5, box: true, outlineWidth: 1 },
  /** Bold, with the word being spoken in yellow. */
  karaoke: { ...BOLD, name: 'karaoke', karaoke: true },
} as const satisfies Record<string, CaptionStyle>;
/** A built-in style's name. */
export type CaptionStylePreset = keyof typeof CAPTION_STYLE_PRESETS;
/** The style used when none is given. @default 'bold' */
export const DEFAULT_CAPTION_STYLE: CaptionStylePreset = 'bold';

/**
 * A style file: any subset of the style fields over a preset (`extends`, default `bold`).
 * Unknown keys are refused, so a misspelt field is an error instead of a silently ignored one.
 */
export const captionStyleFileSchema = captionStyleSchema
  .partial()
  .extend({ extends: z.enum(Object.keys(CAPTION_STYLE_PRESETS) as [CaptionStylePreset, ...CaptionStylePreset[]]).optional() })
  .strict();
export type CaptionStyleFile = z.infer<typeof captionStyleFileSchema>;

/** A caption style name or file was unusable; the message names the field and what it must be. */
export class CaptionStyleError extends InputError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super(message, options);
    this.name = 'CaptionStyleError';
  }
}

const isPreset = (value: string): value is CaptionStylePreset => Object.hasOwn(CAPTION_STYLE_PRESETS, value);

/**
 * A caption style from a preset name (`bold`) or the text of a JSON style file.
 * `fileName` names the style in the caption state when the file does not set `name`.
 * @throws CaptionStyleError naming every bad field
 */
export function parseCaptionStyle(nameOrJson: string, options: { fileName?: string } = {}): CaptionStyle {
  const text = nameOrJson.trim();
  if (isPreset(text)) return CAPTION_STYLE_PRESETS[text];
  if (!text.startsWith('{')) {
    throw new CaptionStyleError(`unknown caption style "${text.slice(0, 40)}": use ${Object.keys(CAPTION_STYLE_PRESETS).join(', ')} or a JSON style file`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new CaptionStyleError(`caption style file is not JSON: ${(error as Error).message}`, { cause: error });
  }
  return captionStyleFromFile(raw, options);
}

/** A caption style from a parsed style file (see {@link captionStyleFileSchema}). @throws CaptionStyleError */
export function captionStyleFromFile(raw: unknown, options: { fileName?: string } = {}): CaptionStyle {
  const parsed = captionStyleFileSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(file)'}: ${issue.message}`);
    throw new CaptionStyleError(`caption style file: ${problems.join('; ')}`, { cause: parsed.error });
  }
  const { extends: base = DEFAULT_CAPTION_STYLE, ...fields } = parsed.data;
  const defined = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
  return { ...CAPTION_STYLE_PRESETS[base], name: options.fileName ?? 'custom', ...defined };
}
