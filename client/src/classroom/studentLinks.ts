/**
 * The teacher's per-label links (a label alone is not a key: each student gets a secret link).
 * Folded on the projector, since the wall is public; printable as one slip per student (label,
 * link and QR code) to hand out or cut up.
 */
import { h, setChildren, setText } from '../ui/dom.js';
import { t } from '../i18n/index.js';
import { qrCanvas } from './qr.js';

export interface LabelLink {
  label: string;
  url: string;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A printable page: one slip per label with its QR code (drawn here, nothing is fetched). */
export function printableLinks(title: string, links: LabelLink[]): string {
  const slips = links.map((l) => {
    const qr = qrCanvas(l.url, 160).toDataURL('image/png');
    return `<div class="slip"><img src="${qr}" alt=""><div><b dir="auto">${escapeHtml(l.label)}</b><br><code>${escapeHtml(l.url)}</code></div></div>`;
  }).join('');
  return `<!doctype html><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>body{font-family:sans-serif;margin:1em}.slip{display:flex;gap:1em;align-items:center;border:1px dashed #888;padding:.6em;margin:.4em 0;break-inside:avoid}
code{word-break:break-all;font-size:.8em}img{width:110px;height:110px}</style><h3>${escapeHtml(title)}</h3>${slips}`;
}

export class StudentLinksPanel {
  readonly el: HTMLDetailsElement;
  private readonly summary = h('summary', { class: 'muted' });
  private readonly list = h('div', { class: 'list', testid: 'proj-student-links-list', style: 'max-height:14em' });
  private links: LabelLink[] = [];

  constructor(private readonly title: string) {
    const print = h('button', { testid: 'proj-print-links', onclick: () => this.print() }, t('proj.printLinks'));
    this.el = h('details', { style: 'margin-top:0.6em;font-size:0.85em', testid: 'proj-student-links' }, this.summary, h('div', { class: 'row' }, print), this.list);
    this.el.style.display = 'none';
  }

  update(links: LabelLink[]): void {
    if (JSON.stringify(links) === JSON.stringify(this.links)) return;
    this.links = links;
    this.el.style.display = links.length ? '' : 'none';
    setText(this.summary, t('proj.studentLinks', { count: links.length }));
    setChildren(this.list, ...links.map((l) => h('div', { class: 'item', testid: 'proj-student-link' },
      h('span', { dir: 'auto' }, l.label),
      h('a', { href: l.url, class: 'ltr', 'data-label': l.label, style: 'color:#56b4e9;word-break:break-all' }, l.url))));
  }

  private print(): void {
    const w = window.open('', '_blank');
    if (!w) return;
    w.document.write(printableLinks(this.title, this.links));
    w.document.close();
    w.focus();
    w.print();
  }
}
