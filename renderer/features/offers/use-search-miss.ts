import { useEffect, useRef } from 'react';
import { api } from '../../api/kiosk-api';
import { searchMissWord } from './search-miss';

/**
 * Reports a search without result once when the visitor finishes it: `finish()` (the keyboard's "Fertig") or leaving
 * the screen. Never each keystroke, never with a time or session; the kiosk keeps only a single word.
 */
export function useReportSearchMiss(text: string, answeredText: string | null, total: number): () => void {
  const latest = useRef({ text, answeredText, total });
  latest.current = { text, answeredText, total };
  const reported = useRef<string | null>(null);
  const finish = useRef(() => {
    const l = latest.current;
    const word = searchMissWord(l.text, l.answeredText, l.total);
    if (!word || reported.current === word) return;
    reported.current = word;
    void api.reportSearchMiss({ text: word }).catch(() => undefined);
  });
  useEffect(() => () => finish.current(), []);
  return finish.current;
}
