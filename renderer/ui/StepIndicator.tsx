import { useTranslation } from 'react-i18next';

/** "Schritt 2 von 4" in words plus dots; the words carry the meaning, the dots only repeat it. */
export function StepIndicator({ current, total }: { current: number; total: number }) {
  const { t } = useTranslation('ui');
  return (
    <div className="steps">
      <span>{t('step', { current, total })}</span>
      <ol aria-hidden="true">
        {Array.from({ length: total }, (_, i) => (
          <li key={i} data-state={i + 1 < current ? 'done' : i + 1 === current ? 'current' : 'todo'} />
        ))}
      </ol>
    </div>
  );
}
