/** The language and digit switch, fixed in a corner of every screen (mounted once, outside the scenes). */
import { digits, lang, LOCALES, setDigits, setLang, t, type Lang } from '../i18n/index.js';

export function mountLanguageSwitch(doc: Document = document): HTMLElement {
  const box = doc.createElement('div');
  box.className = 'langswitch';
  box.setAttribute('data-testid', 'lang-switch');
  const select = doc.createElement('select');
  select.setAttribute('data-testid', 'lang-select');
  select.title = t('lang.label');
  for (const code of Object.keys(LOCALES) as Lang[]) {
    const opt = doc.createElement('option');
    opt.value = code;
    opt.textContent = LOCALES[code].messages['lang.name'];
    select.append(opt);
  }
  select.value = lang();
  select.addEventListener('change', () => setLang(select.value as Lang));
  const digitBtn = doc.createElement('button');
  digitBtn.type = 'button';
  digitBtn.className = 'small';
  digitBtn.setAttribute('data-testid', 'digits-toggle');
  digitBtn.title = t('lang.digits');
  // Shows the style a click switches to.
  digitBtn.textContent = digits() === 'arabic' ? t('lang.digits.western') : t('lang.digits.arabic');
  digitBtn.addEventListener('click', () => setDigits(digits() === 'arabic' ? 'western' : 'arabic'));
  box.append(select, digitBtn);
  doc.body.append(box);
  return box;
}
