/** Recognises raster tile images by their first bytes; the map only shows raster tiles. */
export function rasterTileType(data: Uint8Array): 'image/png' | 'image/jpeg' | 'image/webp' | null {
  if (data.length >= 8 && data[0] === 0x89 && data[1] === 0x50 && data[2] === 0x4e && data[3] === 0x47) return 'image/png';
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return 'image/jpeg';
  if (
    data.length >= 12 &&
    data[0] === 0x52 && data[1] === 0x49 && data[2] === 0x46 && data[3] === 0x46 && // RIFF
    data[8] === 0x57 && data[9] === 0x45 && data[10] === 0x42 && data[11] === 0x50 // WEBP
  )
    return 'image/webp';
  return null;
}

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
