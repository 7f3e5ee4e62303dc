/** Escaping for HTML text and attribute values; chat and transcripts are untrusted, so every string goes through it. */

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes `& < > " '` so the text is inert in element content and in quoted attribute values. */
export function escapeHtml(text: string): string {
  // Control characters other than tab/newline are invalid in HTML and in XML (inline SVG); drop them.
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '').replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}
