/**
 * A standalone HTML replay: the match is re-run here (so the file needs no engine), its per-day
 * figures are embedded as JSON, and a small viewer (inline script, no dependencies, no network)
 * draws them: market cap per company, BTC and GPU rent, a day slider with play, the table on the
 * chosen day, and that day's actions and news. One file that opens from disk in any browser.
 */
import { runReplay, type ReplayFile } from '../../shared/rules/replay.js';
import { stateHash } from '../../shared/rules/engine.js';
import { daySummary } from '../../shared/rules/summary.js';
import type { GameState } from '../../shared/rules/types.js';

export interface ReplayData {
  scenario: string;
  seed: string;
  stateHash: string;
  recordedHash: string | null;
  players: { id: string; name: string; strategy: string }[];
  days: {
    day: number; date: string; btcUsd: number; gpuRentUsdPerHour: number; hashrateEhs: number;
    /** Per player, in `players` order: [market cap $, NAV $, bankrupt 0/1]. */
    p: [number, number, number][];
  }[];
  actions: Record<number, { playerId: string; text: string }[]>;
  news: { day: number; headline: string }[];
}

function snapshot(state: GameState, order: string[]): ReplayData['days'][number] {
  const s = daySummary(state);
  return {
    day: s.day, date: s.date, btcUsd: Math.round(s.btcUsd), gpuRentUsdPerHour: +s.gpuRentUsdPerHour.toFixed(2), hashrateEhs: +s.hashrateEhs.toFixed(1),
    p: order.map((id) => {
      const p = state.players[id]!;
      return [Math.round(p.marketCapUsd), Math.round(p.navUsd), p.bankrupt ? 1 : 0];
    }),
  };
}

/** Re-runs a replay file and collects what the viewer shows. */
export function replayData(file: ReplayFile): ReplayData {
  const joins = file.entries.filter((e) => e.kind === 'join');
  const order = joins.map((e) => e.playerId);
  const days: ReplayData['days'] = [];
  const start = runReplay({ ...file, finalDay: 0, entries: file.entries.filter((e) => e.day === 0 && e.kind === 'join') });
  days.push(snapshot(start, order));
  const state = runReplay(file, { onDay: (s) => days.push(snapshot(s, order)) });
  const actions: ReplayData['actions'] = {};
  for (const e of file.entries) {
    if (e.kind !== 'action') continue;
    const { type, ...rest } = e.action as { type: string } & Record<string, unknown>;
    (actions[e.day] ??= []).push({ playerId: e.playerId, text: `${type} ${Object.entries(rest).map(([k, v]) => `${k}=${String(v)}`).join(' ')}`.trim() });
  }
  return {
    scenario: file.scenario.id,
    seed: file.seed,
    stateHash: stateHash(state),
    recordedHash: file.stateHash ?? null,
    players: order.map((id) => ({ id, name: state.players[id]?.name ?? id, strategy: state.players[id]?.strategy ?? '' })),
    days,
    actions,
    news: state.news.map((n) => ({ day: n.day, headline: n.headline })),
  };
}

const escapeHtml = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** The whole page: viewer and data in one file. */
export function replayHtml(data: ReplayData): string {
  // `</script` inside the JSON would end the data block early.
  const json = JSON.stringify(data).replace(/</g, '\\u003c');
  const title = `${data.scenario} · seed ${data.seed}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Beauty Contest replay: ${escapeHtml(title)}</title>
<style>
body{font:14px/1.4 system-ui,sans-serif;margin:0;background:#101418;color:#e6e6e6}
header{padding:12px 20px;background:#1a2027;display:flex;gap:16px;align-items:center;flex-wrap:wrap}
h1{font-size:18px;margin:0} .muted{color:#9aa4ad} main{display:grid;grid-template-columns:2fr 1fr;gap:16px;padding:16px 20px}
canvas{width:100%;background:#151a20;border-radius:6px} table{border-collapse:collapse;width:100%} td,th{padding:4px 6px;text-align:right;border-bottom:1px solid #262d35}
td:first-child,th:first-child{text-align:left} .sw{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:6px}
#log{max-height:320px;overflow:auto;font:12px/1.5 ui-monospace,monospace;background:#151a20;padding:8px;border-radius:6px}
input[type=range]{flex:1;min-width:200px} button{background:#2b6cb0;color:#fff;border:0;border-radius:4px;padding:6px 12px;cursor:pointer}
.bad{color:#f56565} .ok{color:#68d391}
</style></head><body>
<header><h1>${escapeHtml(title)}</h1><button id="play">▶ play</button><input id="day" type="range" min="0" value="0"><span id="date" class="muted"></span><span id="hash" class="muted"></span></header>
<main><section><canvas id="cap" width="900" height="360"></canvas><canvas id="mkt" width="900" height="160" style="margin-top:12px"></canvas></section>
<section><table id="table"></table><h3>Actions and news this day</h3><div id="log"></div></section></main>
<script id="replay-data" type="application/json">${json}</script>
<script>
const D = JSON.parse(document.getElementById('replay-data').textContent);
const COLORS = ['#63b3ed','#f6ad55','#68d391','#fc8181','#b794f4','#f6e05e','#4fd1c5','#fbb6ce','#a0aec0','#ed8936','#9ae6b4','#90cdf4'];
const slider = document.getElementById('day'); slider.max = D.days.length - 1;
const usd = (n) => '$' + (Math.abs(n) >= 1e9 ? (n / 1e9).toFixed(2) + 'B' : (n / 1e6).toFixed(1) + 'M');
const hashEl = document.getElementById('hash');
hashEl.textContent = 'state ' + D.stateHash.slice(0, 12) + (D.recordedHash && D.recordedHash !== D.stateHash ? ' (recorded ' + D.recordedHash.slice(0, 12) + ': differs)' : '');
function lines(canvas, series, upto, fmt) {
  const g = canvas.getContext('2d'); const W = canvas.width, H = canvas.height, L = 70, B = 22;
  g.clearRect(0, 0, W, H);
  let lo = Infinity, hi = -Infinity;
  for (const s of series) for (const v of s.values) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  if (!(hi > lo)) { hi = lo + 1; }
  const x = (i) => L + (i / Math.max(1, D.days.length - 1)) * (W - L - 10), y = (v) => 8 + (1 - (v - lo) / (hi - lo)) * (H - B - 16);
  g.fillStyle = '#9aa4ad'; g.font = '11px system-ui';
  for (let k = 0; k <= 4; k++) { const v = lo + (k / 4) * (hi - lo); g.fillText(fmt(v), 4, y(v) + 4); g.fillStyle = '#262d35'; g.fillRect(L, y(v), W - L - 10, 1); g.fillStyle = '#9aa4ad'; }
  series.forEach((s) => { g.strokeStyle = s.color; g.lineWidth = 2; g.beginPath(); s.values.forEach((v, i) => (i ? g.lineTo(x(i), y(v)) : g.moveTo(x(i), y(v)))); g.stroke();
    if (s.label) { g.fillStyle = s.color; g.fillText(s.label, L + 6, 16 + 14 * series.indexOf(s)); } });
  g.fillStyle = 'rgba(255,255,255,.5)'; g.fillRect(x(upto), 0, 1, H - B);
  g.fillStyle = '#9aa4ad'; g.fillText(D.days[0].date, L, H - 6); g.fillText(D.days[D.days.length - 1].date, W - 80, H - 6);
}
function render(i) {
  const d = D.days[i]; document.getElementById('date').textContent = 'day ' + d.day + ' · ' + d.date + ' · BTC $' + d.btcUsd.toLocaleString() + ' · H100 $' + d.gpuRentUsdPerHour + '/h';
  lines(document.getElementById('cap'), D.players.map((p, k) => ({ color: COLORS[k % COLORS.length], values: D.days.map((x) => x.p[k][0]) })), i, usd);
  const btc = D.days.map((x) => x.btcUsd), rent = D.days.map((x) => x.gpuRentUsdPerHour);
  const norm = (a) => a.map((v) => v / (a[0] || 1));
  lines(document.getElementById('mkt'), [{ color: '#f6ad55', values: norm(btc), label: 'BTC (×start)' }, { color: '#68d391', values: norm(rent), label: 'H100 rent (×start)' }], i, (v) => v.toFixed(2) + '×');
  const rows = D.players.map((p, k) => ({ p, k, cap: d.p[k][0], nav: d.p[k][1], bankrupt: d.p[k][2] })).sort((a, b) => b.cap - a.cap);
  document.getElementById('table').innerHTML = '<tr><th>company</th><th>market cap</th><th>NAV</th></tr>' + rows.map((r) =>
    '<tr><td><span class="sw" style="background:' + COLORS[r.k % COLORS.length] + '"></span>' + esc(r.p.name) + (r.bankrupt ? ' <span class="bad">bankrupt</span>' : '') + '</td><td>' + usd(r.cap) + '</td><td>' + usd(r.nav) + '</td></tr>').join('');
  const names = Object.fromEntries(D.players.map((p) => [p.id, p.name]));
  const acts = (D.actions[d.day] || []).map((a) => esc(names[a.playerId] || a.playerId) + ': ' + esc(a.text));
  const news = D.news.filter((n) => n.day === d.day).map((n) => '<span class="ok">news</span> ' + esc(n.headline));
  document.getElementById('log').innerHTML = [...news, ...acts].join('<br>') || '<span class="muted">nothing this day</span>';
}
function esc(s) { return String(s).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]); }
slider.oninput = () => render(+slider.value);
let timer = null; const btn = document.getElementById('play');
btn.onclick = () => { if (timer) { clearInterval(timer); timer = null; btn.textContent = '▶ play'; return; }
  if (+slider.value >= D.days.length - 1) slider.value = 0; btn.textContent = '❚❚ pause';
  timer = setInterval(() => { if (+slider.value >= D.days.length - 1) { btn.onclick(); return; } slider.value = +slider.value + 1; render(+slider.value); }, 80); };
render(0);
</script></body></html>
`;
}
