import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScreenProps } from '../../app/screens';
import { useBoot, useBootInfo } from '../../app/boot-store';
import { PrintSlipButton } from '../merkliste/PrintSlipButton';
import { qrSvgDataUrl, safeHttpUrl } from '../print/qr-image';
import './clubs.css';

/** "Ihr Verein möchte ein Angebot eintragen?": a big QR code to the town's submission page, the address, a printed invitation. */
export function ClubsScreen(_props: ScreenProps) {
  const { t } = useTranslation('clubs');
  const info = useBootInfo();
  const bootFailed = useBoot((s) => s.failed);
  const url = safeHttpUrl(info?.submissionUrl);
  const [qr, setQr] = useState<{ url: string; src: string } | null>(null);
  const [qrFailed, setQrFailed] = useState(false);

  useEffect(() => {
    let alive = true;
    setQrFailed(false);
    if (!url) return;
    qrSvgDataUrl(url).then(
      (src) => alive && setQr({ url, src }),
      () => alive && setQrFailed(true),
    );
    return () => {
      alive = false;
    };
  }, [url]);

  const display = url ? url.replace(/^https?:\/\//, '').replace(/\/$/, '') : null;

  return (
    <div className="screen stack clubs" data-testid="clubs">
      <h1>{t('title')}</h1>
      <p>{t('intro')}</p>
      {url ? (
        <div className="clubs-body">
          <div className="clubs-qr-box">
            {qr && qr.url === url ? (
              <img className="clubs-qr" src={qr.src} alt={t('qrAlt', { url: display })} data-testid="clubs-qr" />
            ) : qrFailed ? null : (
              <p>{t('qrLoading')}</p>
            )}
          </div>
          <div className="clubs-text">
            <p>{t('scan')}</p>
            <p>{t('address')}</p>
            <p className="clubs-url" dir="ltr" lang="en" data-testid="clubs-url">
              {display}
            </p>
            <p>{t('printHint')}</p>
            <PrintSlipButton kind="invitation" label={t('print')} testId="clubs-print" />
          </div>
        </div>
      ) : info === null && !bootFailed ? (
        <p>{t('qrLoading')}</p>
      ) : (
        <p className="note" data-testid="clubs-no-url">
          {t('noUrl')}
        </p>
      )}
    </div>
  );
}
