import { describe, expect, it } from 'vitest';
import { looksLikeMedia } from '../../shared/core/mediaSignature.js';

const bytes = (...parts: (string | number[])[]) =>
  Uint8Array.from(parts.flatMap((part) => (typeof part === 'string' ? [...part].map((c) => c.charCodeAt(0)) : part)));

describe('looksLikeMedia', () => {
  it('recognises common containers', () => {
    expect(looksLikeMedia(bytes([0, 0, 0, 0x20], 'ftypisom'))).toBe(true);
    expect(looksLikeMedia(bytes([0x1a, 0x45, 0xdf, 0xa3, 0]))).toBe(true);
    expect(looksLikeMedia(bytes('FLV', [1, 5]))).toBe(true);
    expect(looksLikeMedia(bytes('RIFF', [0, 0, 0, 0], 'WAVEfmt '))).toBe(true);
    expect(looksLikeMedia(bytes('ID3', [4, 0]))).toBe(true);
    expect(looksLikeMedia(bytes([0xff, 0xf1, 0x50, 0x80]))).toBe(true);
  });

  it('rejects text, empty and random headers', () => {
    expect(looksLikeMedia(bytes('hello world, not a video'))).toBe(false);
    expect(looksLikeMedia(new Uint8Array())).toBe(false);
    expect(looksLikeMedia(bytes([0x13, 0x37, 0x00, 0x42, 0x99, 0x10, 0x20, 0x30]))).toBe(false);
  });
});
