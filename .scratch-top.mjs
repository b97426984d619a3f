import { readFileSync, readdirSync } from 'node:fs';
const dir = process.argv[2]; const f = readdirSync(dir).filter((x) => x.endsWith('.cpuprofile')).map((x) => [x, readFileSync(dir + '/' + x).length]).sort((a, b) => b[1] - a[1])[0][0];
const p = JSON.parse(readFileSync(`${dir}/${f}`, 'utf8'));
const self = new Map(); const byId = new Map(p.nodes.map((n) => [n.id, n]));
const dt = new Map(); for (let i = 0; i < p.samples.length; i++) dt.set(p.samples[i], (dt.get(p.samples[i]) ?? 0) + (p.timeDeltas[i] ?? 0));
let total = 0;
for (const n of p.nodes) { const t = dt.get(n.id) ?? 0; total += t; const cf = n.callFrame; const key = `${cf.functionName || '(anon)'} ${cf.url.replace(/.*node_modules\//, 'nm/').replace(/.*\/wt\/sync\//, '')}:${cf.lineNumber}`; self.set(key, (self.get(key) ?? 0) + t); }
const byFile = new Map(); for (const [k, v] of self) { const file = k.split(' ')[1]?.split(':')[0] ?? k; const g = file.replace(/^nm\/([^/]+(\/[^/]+)?).*/, 'nm/$1'); byFile.set(g, (byFile.get(g) ?? 0) + v); }
console.log('total ms', (total / 1000).toFixed(0));
console.log([...self].sort((a, b) => b[1] - a[1]).slice(0, 30).map(([k, v]) => `${(100 * v / total).toFixed(1)}% ${k}`).join('\n'));
console.log('--- by file'); console.log([...byFile].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, v]) => `${(100 * v / total).toFixed(1)}% ${k}`).join('\n'));
