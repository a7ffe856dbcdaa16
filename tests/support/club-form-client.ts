/**
 * The club form and its moderation as a browser and a moderator use them, for the tests of one backendApp
 * (tests/support/backend-app.ts) on either backend (issue 19): the form's time token, sending it, the one stored
 * submission, the staff login and a moderation decision.
 */
import { expect } from 'vitest';
import { staffLogin } from '../../city-api/src/staff/staff-test-login';
import type { SubmissionState } from '../../city-api/src/submissions/submission-store';
import type { BackendApp } from './backend-app';
import { clubFormFields, multipart } from './club-form';

export const ALL_SUBMISSION_STATES: SubmissionState[] = ['pending', 'changes_requested', 'approved', 'rejected', 'withdrawn'];

export function clubFormClient(api: BackendApp, staffPassword: string) {
  /** The signed time token of a fresh form (lang: the form's language). */
  const timeToken = async (lang = 'de'): Promise<string> => {
    const res = await api.app.inject({ method: 'GET', url: `/submit?lang=${lang}` });
    const m = /name="t" value="([^"]+)"/.exec(res.body);
    if (!m) throw new Error('no time token in the form');
    return m[1]!;
  };
  const submit = async (fields: [string, string][], file?: Parameters<typeof multipart>[1], ip = '10.0.0.1') => {
    const { payload, headers } = multipart(fields, file);
    return api.app.inject({ method: 'POST', url: '/submit', payload, headers, remoteAddress: ip });
  };
  /** The only stored submission (fails the test when there is not exactly one). */
  const onlySubmission = async () => {
    const all = await api.storage.listSubmissions(ALL_SUBMISSION_STATES);
    expect(all).toHaveLength(1);
    return all[0]!;
  };
  /** Logs in on the staff page like a browser (CSRF cookie), returns the cookies and a page CSRF token. */
  const login = () => staffLogin(api.app, staffPassword, '/staff/submissions');
  const decide = async (submissionId: string, fields: Record<string, string>) => {
    const { cookie, csrf } = await login();
    return api.app.inject({
      method: 'POST',
      url: `/staff/submissions/${submissionId}/decide`,
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ csrf, actor: 'Sachbearbeitung Test', ...fields }).toString(),
    });
  };
  /**
   * Approves the only submission, then the club changes the published offer on its private page (closes at 18:00
   * instead of 17:00): the page says it is published, the edit is saved. `createdBody`: the form's 201 answer.
   */
  const approveThenEdit = async (createdBody: string) => {
    const link = /\/submit\/edit\/([A-Za-z0-9_-]+)/.exec(createdBody)![1]!;
    const s = await onlySubmission();
    await decide(s.id, { decision: 'approve', lat: '50.7851', lon: '7.2402' });
    const page = await api.app.inject({ method: 'GET', url: `/submit/edit/${link}` });
    expect(page.body).toContain('Freigegeben');
    const t = /name="t" value="([^"]+)"/.exec(page.body)![1]!;
    const { payload, headers } = multipart(clubFormFields(t, { closes_at: '18:00' }));
    const edited = await api.app.inject({ method: 'POST', url: `/submit/edit/${link}`, payload, headers });
    expect(edited.statusCode).toBe(200);
    expect(edited.body).toContain('Gespeichert');
    return { submission: s, link };
  };
  return { timeToken, submit, onlySubmission, staffLogin: login, decide, approveThenEdit };
}
