import { useTranslation } from 'react-i18next';
import type { ScreenProps } from '../../app/screens';
import { useNav, type ScreenName } from '../../app/nav-store';
import { useBootInfo } from '../../app/boot-store';
import { Button } from '../../ui/Button';
import type { IconName } from '../../ui/Icon';

const CHOICES: { screen: ScreenName; icon: IconName; key: string }[] = [
  { screen: 'map', icon: 'map', key: 'map' },
  { screen: 'offers', icon: 'list', key: 'offers' },
  { screen: 'week', icon: 'calendar', key: 'week' },
  { screen: 'wish', icon: 'wish', key: 'wish' },
];

/** Start: four big choices and one smaller one for clubs. Every offer is at most 3 taps away. */
export function StartScreen(_props: ScreenProps) {
  const { t } = useTranslation('start');
  const go = useNav((s) => s.go);
  const info = useBootInfo();
  return (
    <div className="screen start">
      <h1>{t('title')}</h1>
      <ul className="start-choices">
        {CHOICES.map((c) => (
          <li key={c.key}>
            <Button variant="primary" icon={c.icon} className="start-choice" onPress={() => go({ name: c.screen })} testId={`start-${c.key}`}>
              <span className="start-choice-text">
                <span className="start-choice-title">{t(`${c.key}.title`)}</span>
                <span className="start-choice-hint">{t(`${c.key}.hint`)}</span>
              </span>
            </Button>
          </li>
        ))}
      </ul>
      <div className="start-secondary">
        <Button variant="big" icon="club" onPress={() => go({ name: 'clubs' })} testId="start-clubs">
          {t('clubs')}
        </Button>
      </div>
      {info?.dataSource === 'sample' ? <p className="note">{t('sampleNote')}</p> : null}
    </div>
  );
}
