import { useEffect, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../ui/Button';

/**
 * Tap-only scrolling: when the screen's content is taller than the screen, two big buttons
 * ("Nach oben" / "Nach unten") move it by most of a screen — nobody has to swipe.
 */
export function ScrollRail({ target }: { target: RefObject<HTMLElement | null> }) {
  const { t } = useTranslation();
  const [pos, setPos] = useState({ scrollable: false, atTop: true, atBottom: true });

  useEffect(() => {
    const el = target.current;
    if (!el) return;
    const update = () => {
      const scrollable = el.scrollHeight > el.clientHeight + 4;
      setPos({ scrollable, atTop: el.scrollTop <= 2, atBottom: el.scrollTop + el.clientHeight >= el.scrollHeight - 2 });
    };
    update();
    el.addEventListener('scroll', update, { passive: true });
    const ro = new ResizeObserver(update);
    ro.observe(el);
    const mo = new MutationObserver(update);
    mo.observe(el, { childList: true, subtree: true });
    return () => {
      el.removeEventListener('scroll', update);
      ro.disconnect();
      mo.disconnect();
    };
  }, [target]);

  if (!pos.scrollable) return null;
  const by = (dir: 1 | -1) => {
    const el = target.current;
    if (!el) return;
    const reduce = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    el.scrollBy({ top: dir * el.clientHeight * 0.75, behavior: reduce ? 'auto' : 'smooth' });
  };
  return (
    <div className="scroll-rail" data-read-skip>
      <Button className="scroll-btn" icon="up" onPress={() => by(-1)} disabled={pos.atTop} testId="scroll-up">
        <span className="scroll-label">{t('scrollUp')}</span>
      </Button>
      <Button className="scroll-btn" icon="down" onPress={() => by(1)} disabled={pos.atBottom} testId="scroll-down">
        <span className="scroll-label">{t('scrollDown')}</span>
      </Button>
    </div>
  );
}
