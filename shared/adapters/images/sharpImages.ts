/**
 * The Images port on sharp (libvips): the local runner and Lambda use the same module, with sharp's
 * prebuilt linux-x64 binary shipped in the function bundle (infra/assets/nativeModules.ts).
 */
import sharp from 'sharp';
import type { Images, ThumbnailRequest } from '../../pipeline/ports.js';

/** JPEG quality (mozjpeg) of thumbnails: small enough to embed in reports and catalog pages, without visible blocking. */
const THUMBNAIL_QUALITY = 82;

export class SharpImages implements Images {
  async thumbnail(request: ThumbnailRequest): Promise<void> {
    await sharp(request.framePath)
      .resize(request.width, request.height, { fit: 'cover' })
      .jpeg({ quality: THUMBNAIL_QUALITY, mozjpeg: true })
      .toFile(request.outPath);
  }
}
