import { Encoder } from '@colyseus/schema';
import { getScenario } from './shared/economy/scenarios/index.js';
import { addPlayer, applyAction, createGame, step } from './shared/rules/engine.js';
import { playerView } from './shared/rules/view.js';
import { seedRng } from './shared/rules/rng.js';
import { getStrategy } from './shared/bots/index.js';
import { MarketState } from './shared/sync/MarketState.js';
import { syncView } from './shared/sync/syncView.js';
const scen = process.argv[2] ?? 'halving-sprint';
const nb = Number(process.argv[3] ?? 7);
let state = createGame(getScenario(scen)!, 'x');
const names = ['hodl-miner','ai-pivot','random','disciplined-miner','power-landlord','narrative-chaser','lease-speculator'].slice(0,nb);
const seats = names.map((n,i)=>({id:`p${i+1}`, s:getStrategy(n)!, rng: seedRng('r'+i), memory:{}}));
for (const s of seats) state = addPlayer(state,{id:s.id,name:s.s.name,strategy:s.s.name});
for (let i=seats.length;i<8;i++) state = addPlayer(state,{id:`p${i+1}`,name:'human',strategy:''});
const meta = { code:'X', name:'x', phase:'running' as const, daysPerSecond:2, hostPlayerId:'', maxPlayers:8, isPrivate:false, leaverPolicy:'bot' as const, question:'' };
const ms = new MarketState(); const enc = new Encoder(ms);
syncView(ms, state, meta, new Map()); enc.encodeAll(); enc.discardChanges();
const changes = new Map<string, number>(); let bytes=0; let n=0;
const flat = (o:any, pre:string, out:Map<string,unknown>) => { if (o && typeof o==='object') for (const k in o) flat(o[k], pre?pre+'.'+k:k, out); else out.set(pre,o); };
let prev = new Map<string,unknown>(); flat(ms.toJSON(), '', prev);
for (let d=0; d<60; d++){
  for (const s of seats){ for (const a of s.s.decide(playerView(state,s.id),{rng:s.rng,day:state.day,memory:s.memory,log:()=>{}})){const r=applyAction(state,s.id,a); if(r.ok) state=r.state;} }
  state = step(state).state;
  syncView(ms, state, meta, new Map());
  bytes += enc.encode().length; n++; enc.discardChanges();
  const cur = new Map<string,unknown>(); flat(ms.toJSON(), '', cur);
  for (const [k,v] of cur) if (prev.get(k)!==v) { const g=k.split('.').slice(0, k.startsWith('world')||k.startsWith('meters')||k.startsWith('contest')?2:3).join('.').replace(/\.(p\d+|[A-Z]+\d*|\d+)\b/g,'.*'); changes.set(g,(changes.get(g)??0)+1); }
  prev = cur;
}
console.log('patch bytes/day', (bytes/n).toFixed(0));
console.log([...changes].sort((a,b)=>b[1]-a[1]).slice(0,40).map(([k,v])=>`${k} ${(v/n).toFixed(2)}`).join('\n'));
