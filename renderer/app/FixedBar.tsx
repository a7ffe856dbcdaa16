import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../../shared/constants';
import { Button } from '../ui/Button';
import { Dialog } from '../ui/Dialog';
import { Icon } from '../ui/Icon';
import { useBootInfo } from './boot-store';
import { LANGUAGE_AUTONYMS } from './language-names';
import { useCurrentScreen, useNav } from './nav-store';
import { installExplore, repeatReading, say } from './explore';
import { useReadAloud, type VolumeChoice } from './read-aloud-store';
import type { SpeechRate } from './speech';
import { TEXT_SIZES, useSettings, type TextSize } from './settings-store';
import { useShell } from './shell-store';
import { readableText } from './speech';

const SIZE_LABEL: Record<TextSize, string> = { normal: 'sizeNormal', large: 'sizeLarge', xlarge: 'sizeXlarge' };
const SIZE_PX: Record<TextSize, number> = { normal: 28, large: 38, xlarge: 48 };
const RATES: readonly { rate: SpeechRate; label: string }[] = [
  { rate: 'normal', label: 'rateNormal' },
  { rate: 'slow', label: 'rateSlow' },
];
const VOLUMES: readonly { volume: VolumeChoice; label: string }[] = [
  { volume: 'quiet', label: 'volumeQuiet' },
  { volume: 'normal', label: 'volumeNormal' },
  { volume: 'loud', label: 'volumeLoud' },
];

/**
 * The fixed bar, always visible at the bottom (portrait: lower 85 % of the screen):
 * Start, Zurück, Hilfe, Vorlesen, Sprache, Schrift, Kontrast.
 */
export function FixedBar() {
  const { t } = useTranslation();
  const screen = useCurrentScreen();
  const nav = useNav();
  const info = useBootInfo();
  const { language, textSize, contrast, setLanguage, setTextSize, setContrast } = useSettings();
  const { speaking, noVoiceFor, read, stop, dismissNoVoice, explore, setExplore, lastText, rate, setRate, volume, setVolume } = useReadAloud();
  const dialog = useShell((s) => s.dialog);
  const openDialog = useShell((s) => s.openDialog);
  const languages = info?.languages?.length ? info.languages : [...LANGUAGES];
  const atStart = screen.name === 'start' || screen.name === 'attract';

  const toggleReading = () => {
    if (speaking) return stop();
    const main = document.getElementById('main');
    if (main) read(readableText(main), language, info?.speechVolume ?? 1);
  };

  useEffect(installExplore, []);

  const toggleExplore = () => {
    setExplore(!explore);
    say(t(explore ? 'exploreOffText' : 'exploreOnText'));
  };

  return (
    <>
      {speaking || explore || lastText ? (
        <div className="read-strip" data-read-skip data-testid="read-strip">
          <Button className="read-strip-btn" icon="speaker" onPress={repeatReading} disabled={!lastText} testId="read-repeat">
            {t('repeatReading')}
          </Button>
          <Button className="read-strip-btn toggle" ariaPressed={explore} onPress={toggleExplore} testId="read-explore">
            <span className="toggle-box" aria-hidden="true">
              {explore ? <Icon name="check" /> : null}
            </span>
            {t('exploreMode')}
          </Button>
        </div>
      ) : null}
      <nav className="bar" aria-label={t('barLabel')} data-testid="fixed-bar" data-read-skip>
        <Button className="bar-btn" icon="home" onPress={() => nav.home()} testId="bar-start">
          <span className="bar-label">{t('start')}</span>
        </Button>
        <Button className="bar-btn" icon="back" onPress={() => nav.back()} disabled={atStart} testId="bar-back">
          <span className="bar-label">{t('back')}</span>
        </Button>
        <Button className="bar-btn" icon="help" onPress={() => screen.name !== 'help' && nav.go({ name: 'help' })} testId="bar-help">
          <span className="bar-label">{t('help')}</span>
        </Button>
        <Button className="bar-btn" icon={speaking ? 'stop' : 'speaker'} ariaPressed={speaking} onPress={toggleReading} testId="bar-read">
          <span className="bar-label">{speaking ? t('stopReading') : t('readAloud')}</span>
        </Button>
        <Button className="bar-btn" icon="globe" onPress={() => openDialog('language')} testId="bar-language">
          <span className="bar-label">{t('language')}</span>
        </Button>
        <Button className="bar-btn" icon="textSize" onPress={() => openDialog('textSize')} testId="bar-text-size">
          <span className="bar-label">{t('textSize')}</span>
        </Button>
        <Button
          className="bar-btn"
          icon="contrast"
          ariaPressed={contrast === 'high'}
          onPress={() => setContrast(contrast === 'high' ? 'default' : 'high')}
          testId="bar-contrast"
        >
          <span className="bar-label">{t('contrast')}</span>
        </Button>
      </nav>

      {dialog === 'language' ? (
        <Dialog title={t('chooseLanguage')} onClose={() => openDialog(null)} testId="language-dialog">
          <ul className="choice-list">
            {languages.map((l) => (
              <li key={l}>
                <Button
                  variant="big"
                  ariaPressed={l === language}
                  className="toggle"
                  testId={`lang-${l}`}
                  onPress={() => {
                    setLanguage(l);
                    openDialog(null);
                  }}
                >
                  <span className="toggle-box" aria-hidden="true">
                    {l === language ? <Icon name="check" /> : null}
                  </span>
                  <span lang={LANGUAGE_AUTONYMS[l].lang} dir="auto">
                    {LANGUAGE_AUTONYMS[l].name}
                  </span>
                </Button>
              </li>
            ))}
          </ul>
        </Dialog>
      ) : null}

      {dialog === 'textSize' ? (
        <Dialog title={t('chooseTextSize')} onClose={() => openDialog(null)} testId="text-size-dialog">
          <ul className="choice-list">
            {TEXT_SIZES.map((s) => (
              <li key={s}>
                <Button
                  variant="big"
                  className="toggle"
                  ariaPressed={s === textSize}
                  testId={`size-${s}`}
                  onPress={() => {
                    setTextSize(s);
                    openDialog(null);
                  }}
                >
                  <span className="toggle-box" aria-hidden="true">
                    {s === textSize ? <Icon name="check" /> : null}
                  </span>
                  <span style={{ fontSize: `${SIZE_PX[s]}px` }}>{t(SIZE_LABEL[s])}</span>
                </Button>
              </li>
            ))}
          </ul>
          <h3 className="choice-heading">{t('speechRate')}</h3>
          <ul className="choice-list">
            {RATES.map((r) => (
              <li key={r.rate}>
                <Button variant="big" className="toggle" ariaPressed={r.rate === rate} testId={`rate-${r.rate}`} onPress={() => setRate(r.rate)}>
                  <span className="toggle-box" aria-hidden="true">
                    {r.rate === rate ? <Icon name="check" /> : null}
                  </span>
                  {t(r.label)}
                </Button>
              </li>
            ))}
          </ul>
          <h3 className="choice-heading">{t('speechVolume')}</h3>
          <ul className="choice-list">
            {VOLUMES.map((v) => (
              <li key={v.volume}>
                <Button variant="big" className="toggle" ariaPressed={v.volume === volume} testId={`volume-${v.volume}`} onPress={() => setVolume(v.volume)}>
                  <span className="toggle-box" aria-hidden="true">
                    {v.volume === volume ? <Icon name="check" /> : null}
                  </span>
                  {t(v.label)}
                </Button>
              </li>
            ))}
          </ul>
        </Dialog>
      ) : null}

      {noVoiceFor ? (
        <Dialog title={t('noVoiceTitle')} onClose={dismissNoVoice} testId="no-voice-dialog">
          <p>{t('noVoiceText', { language: LANGUAGE_AUTONYMS[noVoiceFor].name })}</p>
        </Dialog>
      ) : null}
    </>
  );
}
