import { useTranslation } from 'react-i18next';
import type { ScreenProps } from '../../app/screens';
import { Icon, type IconName } from '../../ui/Icon';

const BAR_ITEMS: { icon: IconName; key: string }[] = [
  { icon: 'home', key: 'start' },
  { icon: 'back', key: 'back' },
  { icon: 'help', key: 'help' },
  { icon: 'speaker', key: 'read' },
  { icon: 'globe', key: 'language' },
  { icon: 'textSize', key: 'textSize' },
  { icon: 'contrast', key: 'contrast' },
];

/** Help: how to use the kiosk, in plain words. */
export function HelpScreen(_props: ScreenProps) {
  const { t } = useTranslation('help');
  return (
    <div className="screen help">
      <h1>{t('title')}</h1>
      <section className="help-section">
        <h2>{t('touchTitle')}</h2>
        <p>{t('touch1')}</p>
        <p>{t('touch2')}</p>
      </section>
      <section className="help-section">
        <h2>{t('barTitle')}</h2>
        <p>{t('barIntro')}</p>
        <dl className="help-bar">
          {BAR_ITEMS.map((item) => (
            <div key={item.key} className="help-bar-item">
              <dt>
                <span className="help-icon" aria-hidden="true">
                  <Icon name={item.icon} />
                </span>
                {t(`bar.${item.key}.name`)}
              </dt>
              <dd>{t(`bar.${item.key}.text`)}</dd>
            </div>
          ))}
        </dl>
      </section>
      <section className="help-section">
        <h2>{t('findTitle')}</h2>
        <p>{t('find1')}</p>
        <p>{t('find2')}</p>
      </section>
      <section className="help-section">
        <h2>{t('privacyTitle')}</h2>
        <p>{t('privacy1')}</p>
        <p>{t('privacy2')}</p>
      </section>
    </div>
  );
}
