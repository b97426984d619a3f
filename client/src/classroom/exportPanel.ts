/**
 * The teacher's export controls: the session zip with a payment rule (payments.csv: by rank or by
 * score, from the best amount down to the worst, in points or a currency), and one zip of every
 * session this browser has taught (each named with its own teacher token, kept in localStorage).
 */
import { h } from '../ui/dom.js';
import { t } from '../i18n/index.js';

const STORE_KEY = 'bc.teacherSessions';
/** The server stacks at most 50 sessions in one zip (MAX_STACKED_SESSIONS). */
const MAX_REMEMBERED = 50;

export interface TaughtSession { code: string; token: string }

/** The sessions this browser has opened as a teacher, newest last. */
export function taughtSessions(storage: Pick<Storage, 'getItem'> = localStorage): TaughtSession[] {
  try {
    const list = JSON.parse(storage.getItem(STORE_KEY) ?? '[]') as unknown;
    return Array.isArray(list) ? (list as unknown[]).filter((s): s is TaughtSession => typeof (s as Partial<TaughtSession> | null)?.code === 'string' && typeof (s as Partial<TaughtSession> | null)?.token === 'string') : [];
  } catch {
    return [];
  }
}

export function rememberSession(s: TaughtSession, storage: Pick<Storage, 'getItem' | 'setItem'> = localStorage): void {
  const list = taughtSessions(storage).filter((x) => x.code !== s.code);
  list.push(s);
  try {
    storage.setItem(STORE_KEY, JSON.stringify(list.slice(-MAX_REMEMBERED)));
  } catch {
    // Private mode or a full quota: the across-sessions link just lists fewer sessions.
  }
}

export interface PaymentChoice { rule: 'rank' | 'score'; max: string; min: string; unit: string }

/** The export's query string for a payment rule (blank fields keep the server's defaults). */
export function paymentQuery(p: PaymentChoice): string {
  const q = new URLSearchParams({ pay_rule: p.rule });
  if (p.max.trim()) q.set('pay_max', p.max.trim());
  if (p.min.trim()) q.set('pay_min', p.min.trim());
  if (p.unit.trim()) q.set('pay_unit', p.unit.trim() === 'points' ? 'points' : p.unit.trim().toUpperCase());
  return q.toString();
}

/** The zip link of one session, and of every session taught here, following the payment fields. */
export function exportPanel(httpBase: string, code: string, token: string): HTMLElement {
  const rule = h('select', { testid: 'pay-rule' }, h('option', { value: 'rank' }, t('proj.payRank')), h('option', { value: 'score' }, t('proj.payScore')));
  const max = h('input', { testid: 'pay-max', value: '100', inputmode: 'decimal', style: 'width:4.5em', dir: 'ltr' });
  const min = h('input', { testid: 'pay-min', value: '0', inputmode: 'decimal', style: 'width:4.5em', dir: 'ltr' });
  const unit = h('input', { testid: 'pay-unit', value: 'points', title: t('proj.payUnit'), style: 'width:5.5em', dir: 'ltr' });
  const one = h('a', { download: '', testid: 'debrief-export', style: 'color:#56b4e9' }, t('proj.export'));
  const all = h('a', { download: '', testid: 'debrief-export-all', style: 'color:#56b4e9' }, t('proj.exportAll'));
  const update = () => {
    const q = paymentQuery({ rule: rule.value as 'rank' | 'score', max: max.value, min: min.value, unit: unit.value });
    one.href = `${httpBase}/api/sessions/${code}/export.zip?token=${encodeURIComponent(token)}&${q}`;
    const sessions = taughtSessions();
    if (!sessions.some((s) => s.code === code)) sessions.push({ code, token });
    all.href = `${httpBase}/api/sessions/export.zip?sessions=${encodeURIComponent(sessions.map((s) => `${s.code}:${s.token}`).join(','))}&${q}`;
    all.style.display = sessions.length > 1 ? '' : 'none';
  };
  for (const el of [rule, max, min, unit]) el.addEventListener('input', update);
  rule.addEventListener('change', update);
  update();
  return h('div', { class: 'row', testid: 'export-panel', style: 'gap:0.4em' },
    h('span', { class: 'muted' }, t('proj.payRule')), rule, h('span', { class: 'muted' }, t('proj.payMax')), max, h('span', { class: 'muted' }, t('proj.payMin')), min, unit, one, all);
}
