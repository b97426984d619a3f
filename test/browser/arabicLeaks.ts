/**
 * Scans a page in Arabic for English that leaked through: every visible text node, the shown
 * option of each select, placeholders and button labels, split into Latin words; a word that is
 * neither a unit, a brand or model name, nor user text (names, room codes) counts as a leak.
 */
import type { Page } from 'playwright-core';

/** Latin words that stay Latin in Arabic text: units, tickers, brand and model names, acronyms. */
export const LATIN_ALLOWED = new Set([
  'BTC', 'sat', 'USD', 'US', 'MW', 'GW', 'kW', 'MWh', 'kWh', 'TH', 'PH', 'EH', 'J', 'EHs', 'THs', 'PHs', 'H100', 'H200', 'B200', 'A100', 'GB200',
  'GPU', 'GPUs', 'ASIC', 'ASICs', 'AI', 'NAV', 'ETF', 'ERCOT', 'PUE', 'QR', 'CSV', 'PNG', 'URL', 'ID', 'bp', 'k', 'M', 'B', 'T', 'h', 'd', 'y',
  'Antminer', 'Whatsminer', 'Bitmain', 'NVIDIA', 'AMD', 'MI300X', 'MicroBT', 'Avalon', 'Canaan', 'XP', 'Pro', 'Hydro', 'Hyd', 'S19', 'S19j', 'S21', 'S21XP', 'M30S', 'M50S', 'M60S', 'M63S',
  'Runes', 'OpenAI', 'Microsoft', 'Meta', 'Google', 'Amazon', 'Anthropic', 'CoreWeave', 'Lambda', 'xAI', 'Oracle', 'Mistral',
  'English', 'txt', 'csv', 'zip', 'json', 'bdi',
]);

export interface Leak {
  word: string;
  text: string;
}

/** Latin words in the visible text of `page` that are not allowed and not in `extra` (names, codes). */
export async function arabicLeaks(page: Page, extra: readonly string[] = []): Promise<Leak[]> {
  const texts = await page.evaluate(() => {
    const out: string[] = [];
    const visible = (el: Element | null): boolean => {
      for (let e = el; e; e = e.parentElement) {
        const s = getComputedStyle(e);
        if (s.display === 'none' || s.visibility === 'hidden' || s.opacity === '0') return false;
      }
      const r = el?.getBoundingClientRect();
      return !!r && r.width > 0 && r.height > 0;
    };
    // User text (names, chat, a teacher's headline) is marked and may be in any language.
    const userText = (el: Element | null) => !!el?.closest('[data-user-text], script, style, noscript, [translate=no]');
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const t = n.textContent?.trim();
      if (!t) continue;
      const el = n.parentElement;
      if (userText(el) || !visible(el)) continue;
      out.push(t);
    }
    for (const el of Array.from(document.querySelectorAll('select'))) {
      if (!visible(el) || userText(el)) continue;
      const sel = el;
      const opt = sel.options[sel.selectedIndex];
      if (opt && !opt.hasAttribute('data-user-text')) out.push(opt.textContent ?? '');
    }
    for (const el of Array.from(document.querySelectorAll('input, textarea'))) {
      if (!visible(el) || userText(el)) continue;
      const input = el as HTMLInputElement;
      if (input.placeholder) out.push(input.placeholder);
      if ((input.type === 'button' || input.type === 'submit') && input.value) out.push(input.value);
    }
    return out;
  });
  const allowed = new Set([...LATIN_ALLOWED, ...extra]);
  const leaks: Leak[] = [];
  for (const text of texts) {
    // Links and tokens are addresses, not words.
    if (/^https?:\/\//.test(text)) continue;
    for (const word of text.match(/[A-Za-z][A-Za-z0-9]*/g) ?? []) {
      // One letter is a seat letter or a key; L1, T17 are ids.
      if (!allowed.has(word) && !/^[A-Z]\d+$/.test(word) && word.length > 1) leaks.push({ word, text: text.slice(0, 120) });
    }
  }
  return leaks;
}
