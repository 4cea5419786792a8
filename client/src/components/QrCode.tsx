/** A QR code of a link, for a room's screen or a slide: participants scan it instead of typing. */
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';

export function QrCode({ value, label, size = 160 }: { value: string; label: string; size?: number }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    QRCode.toString(value, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }).then(
      (svg) => live && setSrc(`data:image/svg+xml;utf8,${encodeURIComponent(svg)}`),
      () => live && setSrc(null),
    );
    return () => {
      live = false;
    };
  }, [value]);
  if (!src) return null;
  return <img className="qr-code" src={src} width={size} height={size} alt={label} data-testid="qr-code" />;
}
