/**
 * A create form's scenario menu and pace field (title screen and teacher setup): the pace follows
 * the chosen scenario (about a 25-minute match) until the player types their own, with what it
 * means in real time beside it.
 */
import { defaultDaysPerSecond } from '../../../shared/rules/pace.js';
import type { ScenarioListing } from '../net/protocol.js';
import { h, setChildren, setText } from './dom.js';
import { paceLine } from './paceMenu.js';
import { scenarioDescription, scenarioName, t } from '../i18n/index.js';

/** Wires the pace field now; call the returned function with the scenarios once they are loaded. */
export function scenarioPace(scenario: HTMLSelectElement, pace: HTMLInputElement, hint: HTMLElement): (list: readonly ScenarioListing[]) => void {
  let days = 120;
  let edited = false;
  const show = () => setText(hint, paceLine(days, Number(pace.value)));
  pace.addEventListener('input', () => { edited = true; show(); });
  show();
  return (list) => {
    setChildren(scenario, ...list.map((s) => h('option', { value: s.id, title: scenarioDescription(s.id, s.description) }, `${scenarioName(s.id, s.name)} · ${t('title.days', { n: s.days })}`)));
    if (list.some((s) => s.id === 'halving-sprint')) scenario.value = 'halving-sprint';
    const follow = () => {
      const chosen = list.find((s) => s.id === scenario.value);
      if (!chosen) return;
      days = chosen.days;
      if (!edited) pace.value = String(chosen.defaultDaysPerSecond ?? defaultDaysPerSecond(chosen.days));
      show();
    };
    scenario.addEventListener('change', follow);
    follow();
  };
}
