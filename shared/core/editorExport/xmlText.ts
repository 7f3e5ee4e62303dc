/** Text made safe for XML 1.0 attributes and element content. */

/** Characters XML 1.0 cannot hold at all, even escaped: C0 controls other than tab, LF and CR, and lone surrogates. */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Escapes the five markup characters and drops characters XML cannot carry, so a title like
 * `</name><x>&"'` stays text. Line breaks in attributes become `&#10;` so parsers keep them.
 */
export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\r\n?|\n/g, '&#10;')
    .replace(/\t/g, '&#9;');
}
