import { useEffect, useId, useRef, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { readElement } from '../app/explore';
import { useReadAloud } from '../app/read-aloud-store';
import { Button } from './Button';

export interface DialogProps {
  title: string;
  children: ReactNode;
  /** Called by the close button (and Escape for staff keyboards). Omit for dialogs that must be answered. */
  onClose?: () => void;
  /** Extra buttons shown before the close button. */
  actions?: ReactNode;
  closeLabel?: string;
  testId?: string;
  /** 'alertdialog' for the idle warning. */
  role?: 'dialog' | 'alertdialog';
}

/**
 * A modal dialog: a big title, content, big buttons. It never closes by a tap beside it
 * (too easy to do by accident); it always has a clear close button instead.
 */
export function Dialog({ title, children, onClose, actions, closeLabel, testId, role = 'dialog' }: DialogProps) {
  const { t } = useTranslation('ui');
  const { t: tc } = useTranslation('common');
  const speaking = useReadAloud((s) => s.speaking);
  const stopReading = useReadAloud((s) => s.stop);
  const titleId = useId();
  const boxRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    const first = boxRef.current?.querySelector<HTMLElement>('button, [href], input, [tabindex]:not([tabindex="-1"])');
    (first ?? boxRef.current)?.focus();
    return () => previous?.focus?.();
  }, []);

  useEffect(() => {
    if (!onClose) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  return createPortal(
    <div className="dialog-backdrop">
      <div ref={boxRef} className="dialog" role={role} aria-modal="true" aria-labelledby={titleId} tabIndex={-1} data-testid={testId}>
        <h2 id={titleId}>{title}</h2>
        <div className="dialog-body">{children}</div>
        <div className="dialog-actions">
          {/* Every dialog can be read completely (EN 301 549 §5.1.3): title, text, slip preview and its buttons. */}
          <Button
            variant="big"
            icon={speaking ? 'stop' : 'speaker'}
            ariaPressed={speaking}
            onPress={() => (speaking ? stopReading() : boxRef.current && readElement(boxRef.current))}
            testId="dialog-read"
          >
            <span data-read-skip>{speaking ? tc('stopReading') : tc('readAloud')}</span>
          </Button>
          {actions}
          {onClose ? (
            <Button variant="big" icon="close" onPress={onClose} testId="dialog-close">
              {closeLabel ?? t('close')}
            </Button>
          ) : null}
        </div>
      </div>
    </div>,
    document.body,
  );
}
