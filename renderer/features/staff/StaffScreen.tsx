import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { STAFF_ACTIONS, SYNC_PHASES } from '../../../shared/constants';
import { KioskApiError } from '../../../shared/contract/define';
import type { StaffAction, StaffStatus } from '../../../shared/contract/fleet';
import type { SyncProgress } from '../../../shared/contract/sync-progress';
import { api } from '../../api/kiosk-api';
import { useNav } from '../../app/nav-store';
import type { ScreenProps } from '../../app/screens';
import { Button } from '../../ui/Button';
import { OnScreenKeyboard } from '../../ui/OnScreenKeyboard';
import { dataIsStale } from './data-stale';
import { PinPad } from './PinPad';
import { useStaff } from './staff-store';
import './staff.css';

const STATUS_REFRESH_MS = 5000;
/** While a sync runs, its progress is polled more often. */
const PROGRESS_REFRESH_MS = 1000;

function formatTime(iso: string | null, lang: string): string | null {
  if (!iso) return null;
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return null;
  return d.toLocaleString(lang === 'de-LS' ? 'de' : lang, { dateStyle: 'medium', timeStyle: 'short' });
}

/** Leaves the staff screen: ends the session and returns to the attract screen. */
function leave() {
  useStaff.getState().lock();
  useNav.getState().reset();
}

/** Staff screen: PIN pad, then state of the kiosk and its maintenance actions. Opened by the hidden corner gesture. */

export function StaffScreen(_props: ScreenProps) {
  const view = useStaff((s) => s.view);
  return (
    <div className="screen staff" data-testid="staff-screen">
      {view === 'pin' ? <UnlockView /> : view === 'status' ? <StatusView /> : view === 'cityApi' ? <CityApiView /> : <NewPinView />}
    </div>
  );
}

function UnlockView() {
  const { t, i18n } = useTranslation('staff');
  const [message, setMessage] = useState<string | null>(null);
  const [lockedUntil, setLockedUntil] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  // Re-enable the pad when the lockout has passed.
  useEffect(() => {
    if (!lockedUntil) return;
    const ms = new Date(lockedUntil).getTime() - Date.now();
    const timer = window.setTimeout(() => {
      setLockedUntil(null);
      setMessage(null);
    }, Math.max(0, ms) + 500);
    return () => window.clearTimeout(timer);
  }, [lockedUntil]);

  const submit = async (pin: string) => {
    setBusy(true);
    try {
      const r = await api.staffUnlock({ pin });
      if (r.ok && r.token) return useStaff.getState().unlocked(r.token, r.setupPin);
      if (r.lockedUntil) {
        setLockedUntil(r.lockedUntil);
        const time = new Date(r.lockedUntil).toLocaleTimeString(i18n.language === 'de-LS' ? 'de' : i18n.language, { hour: '2-digit', minute: '2-digit' });
        setMessage(t('pinLocked', { time }));
      } else setMessage(t('pinWrong', { count: r.attemptsLeft }));
    } catch {
      setMessage(t('unavailable'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <h1>{t('title')}</h1>
      <PinPad prompt={t('pinPrompt')} onSubmit={(p) => void submit(p)} message={message} disabled={busy || lockedUntil !== null} />
      <div className="staff-leave">
        <Button variant="big" icon="home" onPress={leave} testId="staff-leave">
          {t('leave')}
        </Button>
      </div>
    </>
  );
}

function Row({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="staff-row">
      <dt>{label}</dt>
      <dd data-testid={testId}>{value}</dd>
    </div>
  );
}

/** The running sync (issue 14): steps, pages and offers so far; a first sync says that visitors keep the old data. */
function SyncProgressBlock({ p }: { p: SyncProgress }) {
  const { t, i18n } = useTranslation('staff');
  const current = SYNC_PHASES.indexOf(p.phase);
  const num = (n: number) => n.toLocaleString(i18n.language === 'de-LS' ? 'de' : i18n.language);
  const extra = [p.deleted > 0 ? t('progress.deleted', { count: num(p.deleted) }) : null, p.images > 0 ? t('progress.images', { count: num(p.images) }) : null].filter(Boolean);
  return (
    <div className="staff-progress" role="status" data-testid="staff-sync-progress" data-phase={p.phase}>
      <p className="staff-progress-title">{p.firstSync ? t('progress.titleFirst') : t('progress.title')}</p>
      <ol className="staff-progress-steps" aria-label={t('progress.steps')}>
        {SYNC_PHASES.map((ph, i) => (
          <li key={ph} className={i < current ? 'is-done' : i === current ? 'is-current' : undefined} aria-current={i === current ? 'step' : undefined}>
            {t(`progress.phase.${ph}`)}
          </li>
        ))}
      </ol>
      <p className="staff-progress-counts" data-testid="staff-sync-progress-counts">
        {t('progress.counts', { pages: num(p.pages), offers: num(p.offers) })}
        {extra.length ? ` · ${extra.join(' · ')}` : ''}
      </p>
      {p.firstSync ? <p className="staff-progress-note">{t('progress.firstNote')}</p> : null}
    </div>
  );
}

function StatusView() {
  const { t, i18n } = useTranslation('staff');
  const token = useStaff((s) => s.token);
  const status = useStaff((s) => s.status);
  const [feedback, setFeedback] = useState<string | null>(null);

  const load = useCallback(async () => {
    if (!token) return;
    try {
      useStaff.getState().setStatus(await api.getStaffStatus({ token }));
    } catch (err) {
      if (err instanceof KioskApiError && err.code === 'forbidden') {
        useStaff.getState().lock();
        useNav.getState().reset();
      }
    }
  }, [token]);

  const syncing = status?.sync?.progress != null;
  useEffect(() => {
    void load();
    const timer = window.setInterval(() => void load(), syncing ? PROGRESS_REFRESH_MS : STATUS_REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [load, syncing]);

  const run = async (action: StaffAction) => {
    if (!token) return;
    setFeedback(t('working'));
    try {
      const r = await api.staffAction({ token, action });
      const detail = r.outcome === 'deferred' ? time(r.detail) : r.detail;
      setFeedback(`${t(`action.${action}`)}: ${t(`outcome.${r.outcome}`, { detail })}`);
      void load();
    } catch {
      setFeedback(`${t(`action.${action}`)}: ${t('outcome.failed', { detail: '' })}`);
    }
  };

  const s: StaffStatus | null = status;
  const time = (iso: string | null) => formatTime(iso, i18n.language) ?? t('value.never');
  const word = (group: string, state: string) => t(`${group}.${state}`, { defaultValue: state });
  // Age of the data: since the last successful sync, counted by the kiosk on its own clock (issue 14); after 24 h the
  // staff screen warns.
  const dataAgeMin = typeof s?.sync?.dataAgeS === 'number' ? Math.floor(s.sync.dataAgeS / 60) : null;
  const hours = s ? Math.floor(s.uptimeS / 3600) : 0;
  const minutes = s ? Math.floor((s.uptimeS % 3600) / 60) : 0;

  return (
    <>
      <h1>{t('title')}</h1>
      {s?.setupPinActive ? (
        <div className="staff-banner" role="alert" data-testid="staff-setup-pin">
          <p>{t('setupBanner')}</p>
          <Button variant="big" onPress={() => useStaff.getState().setView('newPin')} testId="staff-change-pin-banner">
            {t('changePin')}
          </Button>
        </div>
      ) : null}
      {feedback ? (
        <p className="staff-feedback" role="status" data-testid="staff-feedback">
          {feedback}
        </p>
      ) : null}
      {s ? (
        <div className="staff-grid">
          <section className="staff-card" aria-labelledby="staff-device">
            <h2 id="staff-device">{t('section.device')}</h2>
            <dl>
              <Row label={t('field.version')} value={s.version} testId="staff-version" />
              <Row label={t('field.kioskId')} value={s.kioskId} testId="staff-kiosk-id" />
              <Row label={t('field.place')} value={s.place} />
              <Row label={t('field.uptime')} value={t('value.uptime', { hours, minutes })} />
              <Row label={t('field.disk')} value={s.diskFreeMb === null ? t('value.unknown') : t('value.megabytes', { count: s.diskFreeMb })} />
            </dl>
          </section>
          <section className="staff-card" aria-labelledby="staff-data">
            <h2 id="staff-data">{t('section.data')}</h2>
            {s.sync?.progress ? <SyncProgressBlock p={s.sync.progress} /> : null}
            {dataIsStale(s) ? (
              <p className="note note-warn" role="alert" data-testid="staff-data-stale">
                {t('field.dataStale')}
              </p>
            ) : null}
            <dl>
              <Row label={t('field.cityApi')} value={s.cityApi.configured ? (s.cityApi.baseUrl ?? '') : t('value.notConfigured')} testId="staff-city-api" />
              {s.cityApi.configured ? (
                <Row
                  label={t('field.registered')}
                  value={s.cityApi.registered === null ? t('value.unknown') : s.cityApi.registered ? t('value.yes') : t('value.notRegistered')}
                />
              ) : null}
              <Row label={t('field.syncState')} value={s.sync ? word('sync', s.sync.state) : t('value.notAvailable')} />
              <Row label={t('field.lastSync')} value={time(s.sync?.lastSyncAt ?? null)} />
              {dataAgeMin !== null ? (
                <Row label={t('field.dataAge')} value={t('value.uptime', { hours: Math.floor(dataAgeMin / 60), minutes: dataAgeMin % 60 })} testId="staff-data-age" />
              ) : null}
              <Row label={t('field.outbox')} value={s.outbox ? String(s.outbox.pending) : t('value.notAvailable')} testId="staff-outbox" />
              <Row label={t('field.lastHeartbeat')} value={time(s.remote.lastHeartbeatAt)} />
              {s.remote.lastError ? <Row label={t('field.remoteError')} value={s.remote.lastError} /> : null}
            </dl>
          </section>
          <section className="staff-card" aria-labelledby="staff-printer">
            <h2 id="staff-printer">{t('section.printerUpdate')}</h2>
            <dl>
              <Row label={t('field.printer')} value={s.printer ? word('printer', s.printer.state) : t('value.notAvailable')} testId="staff-printer" />
              <Row label={t('field.update')} value={`${word('update', s.update.state)}${s.update.version ? ` (${s.update.version})` : ''}`} />
              {s.update.detail ? <Row label={t('field.updateDetail')} value={s.update.detail} /> : null}
            </dl>
          </section>
          <section className="staff-card staff-errors" aria-labelledby="staff-errors">
            <h2 id="staff-errors">{t('section.errors')}</h2>
            {s.lastErrors.length === 0 ? (
              <p>{t('noErrors')}</p>
            ) : (
              <ul>
                {s.lastErrors.slice(0, 5).map((e, i) => (
                  <li key={`${e.at}-${i}`}>
                    <span className="staff-error-time">{formatTime(e.at, i18n.language)}</span> {e.message}
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
      ) : (
        <p role="status">{t('loading')}</p>
      )}
      <section className="staff-actions" aria-labelledby="staff-actions">
        <h2 id="staff-actions">{t('section.actions')}</h2>
        <div className="staff-buttons">
          {STAFF_ACTIONS.map((a) => (
            <Button key={a} variant="big" onPress={() => void run(a)} testId={`staff-action-${a}`}>
              {t(`action.${a}`)}
            </Button>
          ))}
          <Button variant="big" onPress={() => useStaff.getState().setView('cityApi')} testId="staff-open-city-api">
            {t('action.cityApi')}
          </Button>
          <Button variant="big" onPress={() => useStaff.getState().setView('newPin')} testId="staff-change-pin">
            {t('changePin')}
          </Button>
          <Button variant="primary" icon="home" onPress={leave} testId="staff-leave">
            {t('leave')}
          </Button>
        </div>
      </section>
    </>
  );
}

function CityApiView() {
  const { t } = useTranslation('staff');
  const token = useStaff((s) => s.token);
  const current = useStaff((s) => s.status?.cityApi.baseUrl ?? '');
  const [url, setUrl] = useState(current || 'https://');
  const [apiToken, setApiToken] = useState('');
  const [field, setField] = useState<'url' | 'token'>('url');
  const [message, setMessage] = useState<string | null>(null);

  const save = async () => {
    if (!token) return;
    if (!/^https?:\/\/[^\s/]+/.test(url) || apiToken.trim() === '') return setMessage(t('cityInvalid'));
    try {
      await api.setCityApi({ token, baseUrl: url.trim(), apiToken: apiToken.trim() });
      useStaff.getState().setView('status');
    } catch (err) {
      setMessage(err instanceof KioskApiError && err.code === 'invalid_input' ? t('cityInvalid') : t('unavailable'));
    }
  };

  return (
    <>
      <h1>{t('cityTitle')}</h1>
      <div className="staff-fields">
        <Button className={`staff-field ${field === 'url' ? 'is-active' : ''}`} onPress={() => setField('url')} ariaPressed={field === 'url'} testId="city-url">
          <span className="staff-field-label">{t('cityUrl')}</span>
          <span className="staff-field-value" dir="ltr">
            {url}
          </span>
        </Button>
        <Button className={`staff-field ${field === 'token' ? 'is-active' : ''}`} onPress={() => setField('token')} ariaPressed={field === 'token'} testId="city-token">
          <span className="staff-field-label">{t('cityToken')}</span>
          <span className="staff-field-value" dir="ltr">
            {apiToken ? '•'.repeat(Math.min(apiToken.length, 40)) : t('value.empty')}
          </span>
        </Button>
      </div>
      {message ? (
        <p className="pin-message" role="alert">
          {message}
        </p>
      ) : null}
      <OnScreenKeyboard
        value={field === 'url' ? url : apiToken}
        onChange={field === 'url' ? setUrl : setApiToken}
        withDigits
        maxLength={500}
        layout="de"
        label={t('cityKeyboard')}
        testId="city-keyboard"
      />
      <div className="staff-buttons">
        <Button variant="primary" onPress={() => void save()} testId="city-save">
          {t('save')}
        </Button>
        <Button variant="big" onPress={() => useStaff.getState().setView('status')} testId="city-cancel">
          {t('cancel')}
        </Button>
      </div>
    </>
  );
}

function NewPinView() {
  const { t } = useTranslation('staff');
  const view = useStaff((s) => s.view);
  const token = useStaff((s) => s.token);
  const pending = useStaff((s) => s.pendingPin);
  const [message, setMessage] = useState<string | null>(null);

  const submit = async (pin: string) => {
    if (!/^\d{4,12}$/.test(pin)) return setMessage(t('pinLength'));
    if (view === 'newPin') {
      useStaff.getState().setPendingPin(pin);
      setMessage(null);
      return useStaff.getState().setView('confirmPin');
    }
    useStaff.getState().setPendingPin(null);
    if (pin !== pending) {
      setMessage(t('pinMismatch'));
      return useStaff.getState().setView('newPin');
    }
    try {
      await api.setStaffPin({ token: token ?? '', newPin: pin });
      useStaff.getState().setView('status');
    } catch (err) {
      setMessage(err instanceof KioskApiError && err.code === 'invalid_input' ? t('pinSetupNotAllowed') : t('unavailable'));
      useStaff.getState().setView('newPin');
    }
  };

  return (
    <>
      <h1>{t('changePin')}</h1>
      <PinPad key={view} prompt={view === 'newPin' ? t('newPinPrompt') : t('confirmPinPrompt')} onSubmit={(p) => void submit(p)} message={message} />
      <div className="staff-leave">
        <Button variant="big" onPress={() => useStaff.getState().setView('status')} testId="pin-cancel">
          {t('cancel')}
        </Button>
      </div>
    </>
  );
}
