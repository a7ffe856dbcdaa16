import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { VISIT_LIMITS } from '../../../shared/constants';
import { KioskApiError } from '../../../shared/contract/define';
import { printerErrorReason, type PrinterErrorReason } from '../../../shared/contract/printer-error';
import type { SlipPreview, SlipRequestInput } from '../../../shared/contract/printing';
import { api } from '../../api/kiosk-api';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { safeHttpUrl, useQrImage } from './qr-image';
import { slipText } from './slip-text';
import './print.css';

/** The UI never waits longer than this for the printer; the main side's own timeouts are much shorter. */
const CLIENT_TIMEOUT_MS = 20_000;

type Phase =
  | { kind: 'loading' }
  | { kind: 'preview-failed' }
  | { kind: 'preview' }
  | { kind: 'printing' }
  | { kind: 'done' }
  | { kind: 'failed'; reason: PrinterErrorReason | 'limit' };

/** 'limit': this visit already printed as many slips as one visit may (issue 13, shared/contract/visit.ts). */
const NO_RETRY: ReadonlySet<string> = new Set(['not_configured', 'limit']);
const STAFF_REASONS: ReadonlySet<PrinterErrorReason> = new Set(['paper_out', 'cover_open', 'offline', 'failed']);

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('client timeout')), ms);
    p.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (e: unknown) => {
        clearTimeout(timer);
        reject(e);
      },
    );
  });
}

export interface PrintDialogProps {
  request: SlipRequestInput;
  /** false when this kiosk has no printer: the preview then offers the QR code only. */
  printerConfigured: boolean;
  onClose: () => void;
}

/**
 * "Drucken": shows the slip as it will be printed (big and readable), prints it with visible progress,
 * and on any printer problem says what happened in plain words and offers the QR code on screen instead.
 */
export function PrintDialog({ request, printerConfigured, onClose }: PrintDialogProps) {
  const { t } = useTranslation('print');
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' });
  const [preview, setPreview] = useState<SlipPreview | null>(null);
  const alive = useRef(true);
  const requestKey = JSON.stringify(request);

  useEffect(() => {
    alive.current = true;
    return () => {
      alive.current = false;
    };
  }, []);

  const load = useCallback(() => {
    setPhase({ kind: 'loading' });
    withTimeout(api.previewSlip(JSON.parse(requestKey) as SlipRequestInput), CLIENT_TIMEOUT_MS).then(
      (p) => {
        if (!alive.current) return;
        setPreview(p);
        setPhase(printerConfigured ? { kind: 'preview' } : { kind: 'failed', reason: 'not_configured' });
      },
      () => alive.current && setPhase({ kind: 'preview-failed' }),
    );
  }, [requestKey, printerConfigured]);

  useEffect(load, [load]);

  const print = async () => {
    if (phase.kind === 'printing') return;
    setPhase({ kind: 'printing' });
    try {
      await withTimeout(api.printSlip(JSON.parse(requestKey) as SlipRequestInput), CLIENT_TIMEOUT_MS);
      if (alive.current) setPhase({ kind: 'done' });
    } catch (err) {
      const limit = err instanceof KioskApiError && err.code === 'limit_reached';
      const reason = limit ? 'limit' : (printerErrorReason(err) ?? (err instanceof Error && err.message === 'client timeout' ? 'timeout' : 'failed'));
      if (alive.current) setPhase({ kind: 'failed', reason });
    }
  };

  // On screen instead of paper: the offer's page when it has one, otherwise the slip's own text (phones show it as text).
  const qrUrl = safeHttpUrl(preview?.qr);
  const qrData = qrUrl ?? (preview ? slipText(preview.lines) : null);
  const qrSrc = useQrImage(phase.kind === 'failed' ? qrData : null);
  const requestedLang = request.lang ?? 'de';
  const langNote = preview ? (preview.printLang !== requestedLang ? t('germanNote') : requestedLang === 'tr' ? t('foldNote') : null) : null;

  const actions =
    phase.kind === 'preview' ? (
      <Button variant="primary" icon="printer" onPress={() => void print()} testId="print-go">
        {t('printNow')}
      </Button>
    ) : phase.kind === 'failed' && !NO_RETRY.has(phase.reason) ? (
      <Button variant="big" icon="printer" onPress={() => void print()} testId="print-retry">
        {t('retry')}
      </Button>
    ) : phase.kind === 'preview-failed' ? (
      <Button variant="big" onPress={load} testId="print-retry">
        {t('retry')}
      </Button>
    ) : null;

  const title = phase.kind === 'failed' ? t(phase.reason === 'limit' ? 'limitTitle' : 'errorTitle') : t('previewTitle');

  return (
    <Dialog title={title} onClose={onClose} closeLabel={t('close')} actions={actions} testId="print-dialog">
      <div className={`print-flow print-${phase.kind}`}>
        {phase.kind === 'loading' ? <p role="status">{t('loading')}</p> : null}
        {phase.kind === 'preview-failed' ? (
          <p className="note note-warn" role="alert" data-testid="print-error">
            {t('previewFailed')}
          </p>
        ) : null}
        {phase.kind === 'printing' ? (
          <div className="print-progress" role="status" aria-live="polite" data-testid="print-status">
            <p>{t('printing')}</p>
            <div className="print-progress-bar" aria-hidden="true">
              <span />
            </div>
          </div>
        ) : null}
        {phase.kind === 'done' ? (
          <p className="note print-done" role="status" data-testid="print-done">
            {t('done')}
          </p>
        ) : null}
        {phase.kind === 'failed' ? (
          <div className="print-failed" role="alert" data-testid="print-error" data-reason={phase.reason}>
            <p className="note note-warn">
              {t(`error.${phase.reason}`, { count: VISIT_LIMITS.slips })}
              {phase.reason !== 'limit' && STAFF_REASONS.has(phase.reason) ? ` ${t('tellStaff')}` : ''}
            </p>
            {qrData ? (
              <div className="print-qr-box">
                <div>
                  <h3>{t('qrTitle')}</h3>
                  <p>{t('qrText')}</p>
                </div>
                {qrSrc ? (
                  <figure className="print-qr-figure">
                    <img
                      className={`print-qr${qrUrl ? '' : ' print-qr-text'}`}
                      src={qrSrc}
                      alt={qrUrl ? t('qrAlt', { url: qrUrl }) : t('qrAltText')}
                      data-testid="print-qr"
                      data-qr-kind={qrUrl ? 'url' : 'text'}
                    />
                    {/* the address in plain text under the code (issue 17), to type in or copy by hand */}
                    {qrUrl ? (
                      <figcaption className="print-qr-url" dir="ltr" data-testid="print-qr-url">
                        {qrUrl}
                      </figcaption>
                    ) : null}
                  </figure>
                ) : null}
              </div>
            ) : (
              <p>{t('noQr')}</p>
            )}
          </div>
        ) : null}
        {preview && (phase.kind === 'preview' || phase.kind === 'printing' || phase.kind === 'done' || phase.kind === 'failed') ? (
          <>
            {langNote && phase.kind !== 'failed' ? <p className="note">{langNote}</p> : null}
            <SlipPaper preview={preview} label={t('slipLabel')} compact={phase.kind === 'failed'} />
          </>
        ) : null}
      </div>
    </Dialog>
  );
}

/** The slip drawn like a strip of receipt paper; first line is the heading. Always left-to-right: it shows the printed text. */
function SlipPaper({ preview, label, compact }: { preview: SlipPreview; label: string; compact: boolean }) {
  const [heading, ...rest] = preview.lines;
  return (
    // Focusable: a long slip scrolls inside its box (at most 46 % of the screen, 22 % beside a printer problem), and a
    // scrolling region must be reachable by keyboard (axe scrollable-region-focusable; issue 16 screenshots).
    <figure
      className={`slip-paper${compact ? ' slip-compact' : ''}`}
      aria-label={label}
      tabIndex={0}
      data-testid="print-preview"
      dir="ltr"
      lang={preview.printLang === 'de-LS' ? 'de' : preview.printLang}
    >
      <p className="slip-heading">{heading}</p>
      {rest.map((line, i) => (line ? <p key={i}>{line}</p> : <p key={i} className="slip-gap" aria-hidden="true" />))}
    </figure>
  );
}
