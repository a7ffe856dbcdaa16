import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/kiosk-api';
import type { ScreenProps } from '../../app/screens';
import { useNav } from '../../app/nav-store';
import { useLanguage } from '../../app/settings-store';
import { Button } from '../../ui/Button';
import type { OfferDetail } from '../../../shared/contract/offers';
import { useMerkliste } from './merkliste-store';
import { PrintSlipButton } from './PrintSlipButton';
import './merkliste.css';

type Entry = { state: 'loading' } | { state: 'ok'; detail: OfferDetail } | { state: 'missing' };

/** Loads the offers on the list in the current language (again when the language changes). */
function useOffers(ids: string[], lang: ReturnType<typeof useLanguage>): Record<string, Entry> {
  const [entries, setEntries] = useState<Record<string, Entry>>({});
  const idsKey = ids.join('|');
  useEffect(() => {
    let alive = true;
    const wanted = idsKey ? idsKey.split('|') : [];
    setEntries((prev) => Object.fromEntries(wanted.map((id) => [id, prev[id] ?? { state: 'loading' }])));
    for (const id of wanted) {
      api.getOffer({ id, lang }).then(
        (detail) => alive && setEntries((prev) => ({ ...prev, [id]: { state: 'ok', detail } })),
        () => alive && setEntries((prev) => ({ ...prev, [id]: { state: 'missing' } })),
      );
    }
    return () => {
      alive = false;
    };
  }, [idsKey, lang]);
  return entries;
}

/** "Meine Merkliste": the offers collected in this visit, each removable, all printable on one slip. */
export function MerklisteScreen(_props: ScreenProps) {
  const { t } = useTranslation('merkliste');
  const lang = useLanguage();
  const ids = useMerkliste((s) => s.ids);
  const remove = useMerkliste((s) => s.remove);
  const go = useNav((s) => s.go);
  const entries = useOffers(ids, lang);

  if (ids.length === 0) {
    return (
      <div className="screen stack merkliste" data-testid="merkliste">
        <h1>{t('title')}</h1>
        <p className="note" data-testid="merkliste-empty">
          {t('empty')}
        </p>
        <Button variant="primary" icon="list" onPress={() => go({ name: 'offers' })} testId="merkliste-to-offers">
          {t('toOffers')}
        </Button>
      </div>
    );
  }

  return (
    <div className="screen stack merkliste" data-testid="merkliste">
      <h1>{t('title')}</h1>
      <p>{t('intro', { count: ids.length })}</p>
      <PrintSlipButton kind="merkliste" ids={ids} label={t('printAll')} testId="merkliste-print" />
      <ol className="merkliste-list">
        {ids.map((id) => {
          const e = entries[id] ?? { state: 'loading' };
          const title = e.state === 'ok' ? e.detail.display.title : '';
          const loc = e.state === 'ok' ? e.detail.offer.location : undefined;
          return (
            <li key={id} className="merkliste-item" data-testid={`merkliste-item-${id}`}>
              <div className="merkliste-text">
                {e.state === 'ok' ? (
                  <>
                    <h2 dir="auto">{title}</h2>
                    <p dir="auto">{e.detail.offer.organisation.name}</p>
                    {loc ? (
                      <p dir="auto">
                        {loc.name}, {loc.street}
                      </p>
                    ) : null}
                  </>
                ) : e.state === 'missing' ? (
                  <p>{t('missing')}</p>
                ) : (
                  <p>{t('loading')}</p>
                )}
              </div>
              <div className="merkliste-actions">
                {e.state === 'ok' ? (
                  <Button variant="big" icon="forward" onPress={() => go({ name: 'detail', params: { id } })} ariaLabel={t('openLabel', { title })} testId={`merkliste-open-${id}`}>
                    {t('open')}
                  </Button>
                ) : null}
                <Button variant="big" icon="close" onPress={() => remove(id)} ariaLabel={title ? t('removeLabel', { title }) : undefined} testId={`merkliste-remove-${id}`}>
                  {t('remove')}
                </Button>
              </div>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
