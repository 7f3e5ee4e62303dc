/**
 * The Images port on sharp (libvips): the local runner and Lambda use the same module, with sharp's
 * prebuilt linux-x64 binary shipped in the function bundle (infra/assets/nativeModules.ts).
 */
import sharp from 'sharp';
import type { Images, ThumbnailRequest } from '../../pipeline/ports.js';
import type { RgbFrame, SubjectLocator } from '../../pipeline/ports.js';

/** JPEG quality (mozjpeg) of thumbnails: small enough to embed in reports and catalog pages, without visible blocking. */
const THUMBNAIL_QUALITY = 82;

export class SharpImages implements Images, SubjectLocator {
  async thumbnail(request: ThumbnailRequest): Promise<void> {
    await sharp(request.framePath)
      .resize(request.width, request.height, { fit: 'cover' })
      .jpeg({ quality: THUMBNAIL_QUALITY, mozjpeg: true })
      .toFile(request.outPath);
  }

  /**
   * libvips' attention crop (edges, saturation and skin tones) for a `crop`-sized window; its focal point
   * (`attentionX/Y`, sharp 0.32+) is the subject, unclamped, where `cropOffsetLeft/Top` would already be
   * pushed inside the frame.
   */
  async locateSubject(frame: RgbFrame, crop: { readonly width: number; readonly height: number }): Promise<{ x: number; y: number }> {
    const { info } = await sharp(frame.data, { raw: { width: frame.width, height: frame.height, channels: 3 } })
      .resize(Math.max(1, Math.round(crop.width)), Math.max(1, Math.round(crop.height)), { fit: 'cover', position: sharp.strategy.attention })
      .raw()
      .toBuffer({ resolveWithObject: true });
    // The focal point is on the image as scaled to cover the crop (scale 1 when the crop fits the frame on one axis).
    const scale = Math.max(crop.width / frame.width, crop.height / frame.height);
    const x = (info.attentionX ?? (frame.width * scale) / 2) / (frame.width * scale);
    const y = (info.attentionY ?? (frame.height * scale) / 2) / (frame.height * scale);
    return { x: Math.min(1, Math.max(0, x)), y: Math.min(1, Math.max(0, y)) };
  }
}
