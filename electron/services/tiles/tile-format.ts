import { sniffImageType } from '../sync/image-cache';

/** Recognises raster tile images by their first bytes (the kiosk's one image sniffer); the map only shows raster tiles. */
export const rasterTileType = (data: Uint8Array) => sniffImageType(data);

/** Attribution texts from tile packs may contain HTML links; the kiosk shows plain text only. */
export function plainAttribution(raw: string): string {
  return raw
    .replace(/<[^>]*>/g, '')
    .replace(/&copy;/gi, '©')
    .replace(/&amp;/gi, '&')
    .replace(/&nbsp;/gi, ' ')
    .replace(/&[a-z#0-9]+;/gi, '')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 300);
}
