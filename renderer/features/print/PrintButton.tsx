import { Suspense, lazy, useEffect, useState } from 'react';
import type { SlipRequestInput } from '../../../shared/contract/printing';
import { useBootInfo } from '../../app/boot-store';
import { Button } from '../../ui/Button';

// The preview and its QR code (qrcode) are not part of the first screen (issue 20): the chunk is fetched as soon as
// a screen with a print button shows, so it is there before anyone taps.
const loadPrintDialog = () => import('./PrintDialog');
const PrintDialog = lazy(() => loadPrintDialog().then((m) => ({ default: m.PrintDialog })));

export interface PrintButtonProps {
  request: SlipRequestInput;
  label: string;
  variant?: 'primary' | 'big';
  testId?: string;
}

/**
 * Opens the print preview. Always usable: without a printer the preview offers the QR code instead.
 * The dialog lives inside this component, so leaving the screen (or the idle reset) closes it.
 */
export function PrintButton({ request, label, variant = 'big', testId = 'print-open' }: PrintButtonProps) {
  const info = useBootInfo();
  const [open, setOpen] = useState(false);
  useEffect(() => {
    void loadPrintDialog();
  }, []);
  return (
    <>
      <Button variant={variant} icon="printer" onPress={() => setOpen(true)} testId={testId}>
        {label}
      </Button>
      {open ? (
        <Suspense fallback={null}>
          <PrintDialog request={request} printerConfigured={info?.printerConfigured ?? true} onClose={() => setOpen(false)} />
        </Suspense>
      ) : null}
    </>
  );
}
