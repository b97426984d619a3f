/**
 * Measures the page, not the pixels: every visible text box (a text node's glyph rectangle, or a
 * form control) is clipped by its overflow ancestors, then checked against the viewport, against
 * a non-scrolling ancestor that cuts it, and against every other box it is not nested in.
 * Runs inside the page (playwright `evaluate`); returns one line per problem.
 */
import type { Page } from 'playwright-core';

export function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    interface Box { el: Element; r: { l: number; t: number; r: number; b: number }; name: string }
    const vw = window.innerWidth;
    const vh = window.innerHeight;
    const problems: string[] = [];
    const name = (el: Element) => {
      const id = el.getAttribute('data-testid');
      const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 32);
      return `${el.tagName.toLowerCase()}${id ? `[${id}]` : el.className && typeof el.className === 'string' ? `.${el.className.split(' ')[0]}` : ''} "${text}"`;
    };
    const hidden = (el: Element) => {
      for (let e: Element | null = el; e; e = e.parentElement) {
        const cs = getComputedStyle(e);
        if (cs.display === 'none' || cs.visibility === 'hidden' || Number(cs.opacity) < 0.05) return true;
        // A closed <details> renders only its summary.
        if (e.parentElement instanceof HTMLDetailsElement && !e.parentElement.open && e.tagName !== 'SUMMARY') return true;
        // Transient overlays the player dismisses or that vanish by themselves.
        if (e.matches('.glosstip, .banner, .help, .classq, [data-layout-ignore]')) return true;
      }
      return false;
    };
    const boxes: Box[] = [];
    const controls = new Set(['INPUT', 'SELECT', 'BUTTON', 'TEXTAREA']);
    for (const el of Array.from(document.querySelectorAll('body *'))) {
      if (el.tagName === 'OPTION' || el.tagName === 'SCRIPT' || el.tagName === 'STYLE' || el.closest('#stage')) continue;
      if (el.parentElement?.closest('button, select')) continue;
      const isControl = controls.has(el.tagName);
      const texts = isControl ? [] : Array.from(el.childNodes).filter((n) => n.nodeType === 3 && (n.textContent ?? '').trim() !== '');
      if (!isControl && texts.length === 0) continue;
      if (el instanceof HTMLInputElement && (el.type === 'hidden' || el.type === 'checkbox' || el.type === 'radio' || el.type === 'range' || el.type === 'file')) continue;
      if (hidden(el)) continue;
      let rect: { l: number; t: number; r: number; b: number } | null = null;
      const grow = (q: DOMRect) => {
        if (q.width < 0.5 || q.height < 0.5) return;
        rect = rect ? { l: Math.min(rect.l, q.left), t: Math.min(rect.t, q.top), r: Math.max(rect.r, q.right), b: Math.max(rect.b, q.bottom) } : { l: q.left, t: q.top, r: q.right, b: q.bottom };
      };
      if (isControl) grow(el.getBoundingClientRect());
      else for (const n of texts) { const range = document.createRange(); range.selectNodeContents(n); for (const q of Array.from(range.getClientRects())) grow(q); }
      if (!rect) continue;
      let r = rect as { l: number; t: number; r: number; b: number };
      let gone = false;
      // Clip by every overflow ancestor (the element itself too: its own box cuts its text).
      for (let a: Element | null = isControl ? el.parentElement : el; a && a !== document.body; a = a.parentElement) {
        const cs = getComputedStyle(a);
        if (cs.overflowX === 'visible' && cs.overflowY === 'visible') continue;
        const ar = a.getBoundingClientRect();
        const c = { l: Math.max(r.l, ar.left), t: Math.max(r.t, ar.top), r: Math.min(r.r, ar.right), b: Math.min(r.b, ar.bottom) };
        if (c.r - c.l < 1 || c.b - c.t < 1) { gone = true; break; }
        // A cut is fine along an axis the ancestor scrolls (the reader scrolls to it), not along a hidden one.
        const cutX = c.l > r.l + 1 || c.r < r.r - 1;
        const cutY = c.t > r.t + 1 || c.b < r.b - 1;
        const scrollsX = /(auto|scroll)/.test(cs.overflowX) && a.scrollWidth > a.clientWidth + 1;
        const scrollsY = /(auto|scroll)/.test(cs.overflowY) && a.scrollHeight > a.clientHeight + 1;
        if (((cutX && !scrollsX) || (cutY && !scrollsY)) && !a.closest('.ticker')) problems.push(`cut by ${name(a)}: ${name(el)}`);
        r = c;
      }
      if (gone) continue;
      if (r.l < -1 || r.t < -1 || r.r > vw + 1 || r.b > vh + 1) problems.push(`outside the viewport: ${name(el)} at ${Math.round(r.l)},${Math.round(r.t)}-${Math.round(r.r)},${Math.round(r.b)}`);
      boxes.push({ el, r, name: name(el) });
    }
    for (let i = 0; i < boxes.length; i += 1) {
      const a = boxes[i]!;
      for (let j = i + 1; j < boxes.length; j += 1) {
        const b = boxes[j]!;
        const w = Math.min(a.r.r, b.r.r) - Math.max(a.r.l, b.r.l);
        const hgt = Math.min(a.r.b, b.r.b) - Math.max(a.r.t, b.r.t);
        if (w <= 2 || hgt <= 2) continue;
        if (a.el.contains(b.el) || b.el.contains(a.el)) continue;
        problems.push(`overlap: ${a.name} × ${b.name}`);
      }
    }
    return problems;
  });
}
