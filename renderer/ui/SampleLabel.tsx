import { useTranslation } from 'react-i18next';

/** The visible "Beispieldaten" label every sample offer carries. */
export function SampleLabel() {
  const { t } = useTranslation('ui');
  return (
    <span className="sample-label" data-testid="sample-label">
      {t('sampleData')}
    </span>
  );
}
