import { useEffect, useState } from 'react';
import QRCode from 'qrcode';

/** Only http(s) addresses become a QR code on screen (the last guard before display). */
export function safeHttpUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.toString() : null;
  } catch {
    return null;
  }
}

/**
 * An SVG data URL of a QR code for `text` (a web address or any text), always dark on light: scanners need that,
 * also in high contrast. Web addresses get error correction level M, other text L (more capacity, larger modules).
 */
export async function qrSvgDataUrl(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: /^https?:/.test(text) ? 'M' : 'L', margin: 2, color: { dark: '#000000', light: '#ffffff' } });
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

/** qrSvgDataUrl as a hook: the image for `url`, or null while it is made. */
export function useQrImage(url: string | null): string | null {
  const [made, setMade] = useState<{ url: string; src: string } | null>(null);
  useEffect(() => {
    if (!url) return;
    let alive = true;
    qrSvgDataUrl(url).then(
      (src) => alive && setMade({ url, src }),
      () => undefined,
    );
    return () => {
      alive = false;
    };
  }, [url]);
  return made && made.url === url ? made.src : null;
}
