import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNav } from '../../app/nav-store';
import type { OfferDetail } from '../../../shared/contract/offers';
import { Button } from '../../ui/Button';
import './merkliste.css';
import { MERKLISTE_MAX, useIsMerked, useMerkliste, useMerklisteCount } from './merkliste-store';

/**
 * "Merken" / "Gemerkt" for the offer detail screen: a toggle (aria-pressed, check mark and word — never colour alone),
 * and, once something is on the list, a button to open the Merkliste.
 */
export function MerkButton({ offerId, title }: { offerId: string; title?: string }) {
  const { t } = useTranslation('merkliste');
  const merked = useIsMerked(offerId);
  const count = useMerklisteCount();
  const toggle = useMerkliste((s) => s.toggle);
  const go = useNav((s) => s.go);
  const [full, setFull] = useState(false);
  return (
    <div className="merk">
      <Button
        variant="big"
        icon={merked ? 'check' : 'bookmark'}
        className="toggle"
        ariaPressed={merked}
        ariaLabel={title ? t(merked ? 'merkedLabel' : 'merkLabel', { title }) : undefined}
        onPress={() => setFull(!toggle(offerId))}
        testId="detail-remember"
      >
        {merked ? t('merked') : t('merk')}
      </Button>
      {count > 0 ? (
        <Button variant="big" icon="list" onPress={() => go({ name: 'merkliste' })} testId="merk-open">
          {t('openList', { count })}
        </Button>
      ) : null}
      {full ? (
        <p className="note note-warn" role="status">
          {t('full', { max: MERKLISTE_MAX })}
        </p>
      ) : null}
    </div>
  );
}

/** The "remember" slot of the offer detail screen (renderer/features/offers/detail-actions.tsx). */
export function MerkDetailAction({ detail }: { detail: OfferDetail }) {
  return <MerkButton offerId={detail.offer.id} title={detail.display.title} />;
}
