import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../ui/Button';
import { Dialog } from '../ui/Dialog';
import { DEFAULT_IDLE, useBootInfo } from './boot-store';
import { idlePhase } from './idle-timer';
import { useNav } from './nav-store';
import { useReadAloud } from './read-aloud-store';
import { resetAll } from './reset';
import { useSettings } from './settings-store';

const ACTIVITY_EVENTS = ['pointerdown', 'touchstart', 'keydown', 'wheel'] as const;

/** True when there is nothing personal to clear: attract screen with default settings. */
function nothingToReset(): boolean {
  const nav = useNav.getState();
  const s = useSettings.getState();
  const onAttract = nav.stack.length === 1 && nav.stack[0]?.name === 'attract';
  return onAttract && s.language === s.defaultLanguage && s.textSize === 'normal' && s.contrast === 'default';
}

/**
 * Idle handling: after `idle.warnAfterS` without a touch, a warning with a visible countdown of `idle.countdownS`
 * and a big "Ich bin noch da"; then everything is reset and the attract screen shows. Any touch counts as
 * "still here". While read-aloud is speaking, the person is listening, so that counts as activity too.
 */
export function IdleGuard() {
  const { t } = useTranslation();
  const info = useBootInfo();
  const idle = info?.idle ?? DEFAULT_IDLE;
  const lastActivity = useRef(performance.now());
  const [remaining, setRemaining] = useState<number | null>(null);

  useEffect(() => {
    const touch = (e: Event) => {
      lastActivity.current = performance.now();
      // A touch inside the warning belongs to its button ("Ich bin noch da"), which closes it on click;
      // closing it already on pointer-down would pull the button away under the finger.
      if (e.target instanceof Element && e.target.closest('[data-testid="idle-warning"]')) return;
      setRemaining(null);
    };
    for (const ev of ACTIVITY_EVENTS) window.addEventListener(ev, touch, { capture: true, passive: true });
    return () => {
      for (const ev of ACTIVITY_EVENTS) window.removeEventListener(ev, touch, { capture: true });
    };
  }, []);

  useEffect(() => {
    const timer = window.setInterval(() => {
      const now = performance.now();
      if (useReadAloud.getState().speaking) lastActivity.current = now;
      const p = idlePhase(lastActivity.current, now, idle);
      if (p.phase === 'active') return setRemaining(null);
      if (nothingToReset()) {
        lastActivity.current = now;
        return setRemaining(null);
      }
      if (p.phase === 'warning') return setRemaining(p.remainingS);
      lastActivity.current = now;
      setRemaining(null);
      resetAll();
    }, 250);
    return () => window.clearInterval(timer);
  }, [idle]);

  if (remaining === null) return null;
  return (
    <Dialog title={t('idleTitle')} role="alertdialog" testId="idle-warning">
      <p>{t('idleText')}</p>
      <p className="idle-countdown" data-testid="idle-countdown">
        {t('idleCountdown', { count: remaining })}
      </p>
      <Button
        variant="primary"
        className="idle-still-here"
        onPress={() => {
          lastActivity.current = performance.now();
          setRemaining(null);
        }}
        testId="idle-still-here"
      >
        {t('stillHere')}
      </Button>
    </Dialog>
  );
}
