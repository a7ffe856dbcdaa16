import { Suspense, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import '../styles/fonts';
import '../styles/global.css';
import '../styles/screens.css';
import { useBoot } from './boot-store';
import { FixedBar } from './FixedBar';
import { HeaderClock } from './HeaderClock';
import { IdleGuard } from './IdleGuard';
import { useCurrentScreen } from './nav-store';
import { screenComponent } from './screens';
import './settings-store';
import './session-usage-wiring';
import './visit-wiring';
import { ScrollRail } from './ScrollRail';
import { KEYBOARD_DOCK_ID } from '../ui/OnScreenKeyboard';
import { useShell } from './shell-store';
import { preloadSpeech } from './read-aloud-store';
import { StaffAccess } from '../features/staff/StaffAccess';

/** Shell: header (nothing to touch there), the current screen in <main>, the fixed bar, idle handling. */
export function App() {
  const { t } = useTranslation();
  const screen = useCurrentScreen();
  const epoch = useShell((s) => s.epoch);
  const failed = useBoot((s) => s.failed);
  const info = useBoot((s) => s.info);
  const mainRef = useRef<HTMLElement>(null);

  useEffect(() => {
    void useBoot.getState().load();
    // The bundled voice loads in its worker while the attract screen shows.
    const timer = window.setTimeout(preloadSpeech, 500);
    return () => window.clearTimeout(timer);
  }, []);
  // The main side may start a moment later than the window: keep asking.
  useEffect(() => {
    if (!failed || info) return;
    const timer = window.setTimeout(() => void useBoot.getState().load(), 5000);
    return () => window.clearTimeout(timer);
  }, [failed, info]);

  useEffect(() => {
    mainRef.current?.scrollTo({ top: 0 });
  }, [screen]);

  const Screen = screenComponent(screen);
  return (
    <div className="shell" key={epoch} data-screen={screen.name}>
      <header className="shell-header">
        <span className="shell-title">{t('appName')}</span>
        <HeaderClock />
      </header>
      <div className="shell-body">
        <main id="main" className="shell-main" ref={mainRef} tabIndex={0} data-testid={`screen-${screen.name}`}>
          <Suspense fallback={null}>
            <Screen params={screen.params ?? {}} />
          </Suspense>
        </main>
        <ScrollRail target={mainRef} />
      </div>
      <div id={KEYBOARD_DOCK_ID} className="keyboard-dock" data-read-skip />
      <FixedBar />
      <IdleGuard />
      <StaffAccess />
    </div>
  );
}
