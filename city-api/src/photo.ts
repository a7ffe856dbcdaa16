/**
 * Club form photos (issue 13): sniffed with file-type, then decoded and re-encoded with sharp — bounded width and
 * height, EXIF orientation applied, all metadata (EXIF GPS, XMP, ICC comments) stripped — so trailing payloads,
 * polyglots and decompression bombs never reach a kiosk. The pixel count is checked from the header before any
 * decoding, and sharp's limitInputPixels stops a lying header.
 */
import { fileTypeFromBuffer } from 'file-type';
import sharp, { type Metadata } from 'sharp';

export const PHOTO_MAX_SIDE = 1600;
/** 40 megapixels: more than any phone photo, far less than a bomb (20000 x 20000 = 400 MP). */
export const PHOTO_MAX_INPUT_PIXELS = 40_000_000;
export type PhotoType = 'image/jpeg' | 'image/png' | 'image/webp';
export type PhotoError = 'e_photoType' | 'e_photoPixels' | 'e_photoBroken';

const ALLOWED: Record<string, PhotoType> = { 'image/jpeg': 'image/jpeg', 'image/png': 'image/png', 'image/webp': 'image/webp' };
const SHARP_FORMAT: Record<PhotoType, string> = { 'image/jpeg': 'jpeg', 'image/png': 'png', 'image/webp': 'webp' };

export async function reencodePhoto(input: Buffer): Promise<{ ok: true; bytes: Buffer; contentType: PhotoType } | { ok: false; error: PhotoError }> {
  const sniffed = await fileTypeFromBuffer(input).catch(() => undefined);
  const type = sniffed ? ALLOWED[sniffed.mime] : undefined;
  if (!type) return { ok: false, error: 'e_photoType' };
  let meta: Metadata;
  try {
    meta = await sharp(input, { limitInputPixels: false }).metadata();
  } catch {
    return { ok: false, error: 'e_photoBroken' };
  }
  // the decoder must agree with the magic bytes (a polyglot claiming two formats is refused)
  if (meta.format !== SHARP_FORMAT[type]) return { ok: false, error: 'e_photoType' };
  if (!meta.width || !meta.height) return { ok: false, error: 'e_photoBroken' };
  if (meta.width * meta.height > PHOTO_MAX_INPUT_PIXELS) return { ok: false, error: 'e_photoPixels' };
  try {
    const img = sharp(input, { limitInputPixels: PHOTO_MAX_INPUT_PIXELS, failOn: 'error', pages: 1 })
      .rotate()
      .resize({ width: PHOTO_MAX_SIDE, height: PHOTO_MAX_SIDE, fit: 'inside', withoutEnlargement: true });
    const out =
      type === 'image/png'
        ? await img.png({ compressionLevel: 9 }).toBuffer()
        : type === 'image/webp'
          ? await img.webp({ quality: 82 }).toBuffer()
          : await img.jpeg({ quality: 82, mozjpeg: true }).toBuffer();
    return { ok: true, bytes: out, contentType: type };
  } catch {
    return { ok: false, error: 'e_photoBroken' };
  }
}
