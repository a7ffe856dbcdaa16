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

/** An SVG data URL of a QR code for `url` (or any text) (always dark on light: scanners need that, also in high contrast), or null while it is made. */
export function useQrImage(url: string | null): string | null {
  // text QR codes get level L: more capacity, larger modules
  const [made, setMade] = useState<{ url: string; src: string } | null>(null);
  useEffect(() => {
    if (!url) return;
    let alive = true;
    QRCode.toString(url, { type: 'svg', errorCorrectionLevel: /^https?:/.test(url) ? 'M' : 'L', margin: 2, color: { dark: '#000000', light: '#ffffff' } }).then(
      (svg) => alive && setMade({ url, src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}` }),
      () => undefined,
    );
    return () => {
      alive = false;
    };
  }, [url]);
  return made && made.url === url ? made.src : null;
}
