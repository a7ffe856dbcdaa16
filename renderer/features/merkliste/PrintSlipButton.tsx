import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/kiosk-api';
import { useBootInfo } from '../../app/boot-store';
import { useLanguage } from '../../app/settings-store';
import { Button } from '../../ui/Button';
import './merkliste.css';
import type { SlipKind } from '../../../shared/contract/printing';
import { printerErrorReason } from '../../../shared/contract/printer-error';

type PrintState = { kind: 'idle' } | { kind: 'printing' } | { kind: 'done' } | { kind: 'failed'; reason: string };

export interface PrintSlipButtonProps {
  kind: SlipKind;
  ids?: string[];
  label: string;
  /** When set, the button is disabled and this says why (e.g. "Die Merkliste ist leer."). */
  disabledReason?: string;
  testId?: string;
  variant?: 'primary' | 'big';
}

/**
 * Prints a slip (Merkliste, invitation) through the printing feature and says in plain words what happened.
 * Without a printer the button stays visible but disabled, with the reason under it.
 */
export function PrintSlipButton({ kind, ids, label, disabledReason, testId, variant = 'primary' }: PrintSlipButtonProps) {
  const { t } = useTranslation('merkliste');
  const lang = useLanguage();
  const info = useBootInfo();
  const [state, setState] = useState<PrintState>({ kind: 'idle' });
  const alive = useRef(true);
  useEffect(
    () => () => {
      alive.current = false;
    },
    [],
  );
  const noPrinter = info !== null && !info.printerConfigured;
  const reason = disabledReason ?? (noPrinter ? t('print.noPrinter') : info === null ? t('print.notReady') : undefined);
  const print = async () => {
    if (state.kind === 'printing') return;
    setState({ kind: 'printing' });
    try {
      await api.printSlip({ kind, ids: ids ?? [], lang });
      if (alive.current) setState({ kind: 'done' });
    } catch (err) {
      if (alive.current) setState({ kind: 'failed', reason: printerErrorReason(err) ?? 'failed' });
    }
  };
  return (
    <div className="print-slip">
      <Button
        variant={variant}
        icon="printer"
        onPress={() => void print()}
        disabled={reason !== undefined || state.kind === 'printing'}
        disabledReason={reason}
        testId={testId}
      >
        {state.kind === 'printing' ? t('print.printing') : label}
      </Button>
      <p className={`print-slip-status${state.kind === 'failed' ? ' note note-warn' : state.kind === 'done' ? ' note' : ''}`} role="status" data-testid={testId ? `${testId}-status` : undefined}>
        {state.kind === 'done' ? t('print.done') : state.kind === 'failed' ? t(`print.error.${state.reason}`, { defaultValue: t('print.error.failed') }) : ''}
      </p>
    </div>
  );
}
