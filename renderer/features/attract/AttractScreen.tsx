import { useTranslation } from 'react-i18next';
import type { ScreenProps } from '../../app/screens';
import { useNav } from '../../app/nav-store';
import { LANGUAGE_AUTONYMS } from '../../app/language-names';
import { Button } from '../../ui/Button';
import { Icon } from '../../ui/Icon';
import type { Language } from '../../../shared/schemas/kiosk-config';

/** The invitation is shown in several languages at once, each set in its own language. */
const INVITE_LANGUAGES: Language[] = ['de', 'en', 'tr', 'uk', 'ar'];

/** Attract screen: one big invitation to touch, in several languages, gentle motion (off for reduced motion). */
export function AttractScreen(_props: ScreenProps) {
  const { t, i18n } = useTranslation('attract');
  const home = useNav((s) => s.home);
  const others = INVITE_LANGUAGES.filter((l) => l !== i18n.language && !(i18n.language === 'de-LS' && l === 'de'));
  return (
    <div className="screen attract">
      <h1 className="attract-title">{t('title')}</h1>
      <Button className="attract-touch" onPress={home} testId="attract-touch">
        <span className="attract-hand" aria-hidden="true">
          <Icon name="hand" />
        </span>
        <span className="attract-main">{t('touch')}</span>
        <span className="attract-others">
          {others.map((l) => (
            <span key={l} lang={LANGUAGE_AUTONYMS[l].lang} dir={l === 'ar' ? 'rtl' : 'ltr'} className="attract-other">
              {i18n.getFixedT(l, 'attract')('touch')}
            </span>
          ))}
        </span>
      </Button>
      <p className="attract-lead">{t('lead')}</p>
    </div>
  );
}
