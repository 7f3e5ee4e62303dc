/**
 * Recognises common container signatures in a file's first bytes, to tell a damaged recording
 * ("truncated or corrupt") from a file that was never media at all ("not a readable media file").
 */

/** Bytes of the file's start that `looksLikeMedia` needs: two MPEG-TS packets. */
export const MEDIA_SIGNATURE_BYTES = 376;

const ascii = (header: Uint8Array, offset: number, text: string): boolean =>
  [...text].every((char, i) => header[offset + i] === char.charCodeAt(0));

/** True when the header starts like a container or audio format ffmpeg reads. */
export function looksLikeMedia(header: Uint8Array): boolean {
  if (header.length < 4) return false;
  return (
    ascii(header, 4, 'ftyp') || // MP4, MOV, M4A, 3GP
    ascii(header, 4, 'moov') || ascii(header, 4, 'mdat') || ascii(header, 4, 'free') || ascii(header, 4, 'wide') ||
    (header[0] === 0x1a && header[1] === 0x45 && header[2] === 0xdf && header[3] === 0xa3) || // Matroska, WebM
    ascii(header, 0, 'FLV') ||
    (ascii(header, 0, 'RIFF') && (ascii(header, 8, 'WAVE') || ascii(header, 8, 'AVI '))) ||
    ascii(header, 0, 'OggS') || ascii(header, 0, 'fLaC') || ascii(header, 0, 'ID3') ||
    (header[0] === 0x47 && (header.length < 189 || header[188] === 0x47)) || // MPEG-TS sync bytes
    (header[0] === 0xff && ((header[1] ?? 0) & 0xe0) === 0xe0) // MPEG audio / ADTS frame sync
  );
}
