/**
 * The faces of a caption font file, read with fontkit: the family name libass matches
 * `FontName=` against (name ID 1) and whether a face maps given code points. TrueType,
 * CFF-flavoured OpenType and collections (.ttc) are accepted; WOFF/WOFF2 are refused before
 * parsing because fontkit would read them but libass cannot load them.
 */
import { create, type Font } from 'fontkit';

export interface FontFace {
  /** Family name (name ID 1), as libass and fontconfig match it. */
  readonly family: string;
  /** Whether the face has a glyph for every code point asked about. */
  readonly covers: (codePoints: readonly number[]) => boolean;
}

const WEB_FONT_SIGNATURES = new Set(['wOFF', 'wOF2']);

/** Every face in a font file (one, or several for a collection). Throws on web or unreadable fonts. */
export function readFontFaces(data: Buffer): FontFace[] {
  if (WEB_FONT_SIGNATURES.has(data.toString('latin1', 0, 4))) {
    throw new Error('is a WOFF/WOFF2 web font; libass (ffmpeg captions) needs TTF, OTF or TTC');
  }
  try {
    const parsed = create(data);
    return ('fonts' in parsed ? parsed.fonts : [parsed]).map(toFontFace);
  } catch (error) {
    throw new Error(`not a readable TrueType/OpenType font (${(error as Error).message})`);
  }
}

function toFontFace(font: Font): FontFace {
  // fontkit's types say string, but it returns null when the name table lacks ID 1.
  const family = font.familyName as string | null;
  if (!family) throw new Error('font face has no family name');
  // fontkit parses tables lazily: look one code point up now so a missing or broken cmap fails here, inside the error wrapping.
  font.hasGlyphForCodePoint(0x20);
  return { family, covers: (codePoints) => codePoints.every((codePoint) => font.hasGlyphForCodePoint(codePoint)) };
}
