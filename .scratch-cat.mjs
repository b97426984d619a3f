import { readFileSync, readdirSync } from 'node:fs';
const dir = process.argv[2]; const f = readdirSync(dir).filter((x) => x.endsWith('.cpuprofile')).map((x) => [x, readFileSync(dir + '/' + x).length]).sort((a, b) => b[1] - a[1])[0][0];
const p = JSON.parse(readFileSync(`${dir}/${f}`, 'utf8'));
const dt = new Map(); for (let i = 0; i < p.samples.length; i++) dt.set(p.samples[i], (dt.get(p.samples[i]) ?? 0) + (p.timeDeltas[i] ?? 0));
const cat = {}; let busy = 0;
for (const n of p.nodes) { const t = dt.get(n.id) ?? 0; const u = n.callFrame.url; const fn = n.callFrame.functionName;
  let c = 'other';
  if (fn === '(idle)') c = 'idle'; else if (fn === '(garbage collector)') c = 'GC'; else if (fn === 'writev' || fn === 'writeBuffer' || fn === 'writeUtf8String') c = 'socket writes';
  else if (/shared\/(rules|economy)\//.test(u)) c = 'engine (shared/rules, economy)';
  else if (/shared\/sync\/(privateFeed|privateDelta)/.test(u)) c = 'private feed';
  else if (/shared\/sync\//.test(u)) c = 'syncView / schema sync';
  else if (/@colyseus\/schema/.test(u)) c = 'colyseus schema encode';
  else if (/@colyseus|msgpackr|node_modules\/ws\//.test(u)) c = 'colyseus core / ws / msgpack';
  else if (/persistence|better-sqlite3/.test(u) || fn === 'sqliteTransaction') c = 'persistence (sqlite)';
  else if (/server\/rooms|server\/game/.test(u)) c = 'room / match host';
  else if (/tsx|esm|compileSource|source_map/.test(u + fn)) c = 'start-up (tsx compile)';
  cat[c] = (cat[c] ?? 0) + t; if (c !== 'idle') busy += t; }
console.log(Object.entries(cat).filter(([k]) => k !== 'idle').sort((a, b) => b[1] - a[1]).map(([k, v]) => `${(100 * v / busy).toFixed(1)}% ${k}`).join('\n'));
