/** Scheduled, random and host-injected events: their effects on the world and their headlines. */
import type { Phase, Reducer } from '../context.js';

export const eventsPhase: Phase = () => {};

export const hostReducers: { injectEvent: Reducer<'injectEvent'>; endMatch: Reducer<'endMatch'> } = {
  injectEvent: (draft, _p, action) => {
    draft.events.push({ day: draft.day, kind: action.kind, params: action.params ?? {}, source: 'host', headline: action.headline });
  },
  endMatch: (draft, _p, _a, ctx) => {
    draft.phase = 'ended';
    ctx.events.push({ type: 'matchEnded', day: draft.day });
  },
};
