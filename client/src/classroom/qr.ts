/** The join URL as a QR code, generated locally (qrcode-generator; nothing is fetched). */
import qrcode from 'qrcode-generator';

/** Draws `text` as a QR code filling a square canvas of `sizePx`, black on white with a quiet zone. */
export function qrCanvas(text: string, sizePx: number): HTMLCanvasElement {
  const qr = qrcode(0, 'M');
  qr.addData(text);
  qr.make();
  const n = qr.getModuleCount();
  const quiet = 4;
  const cell = Math.max(1, Math.floor(sizePx / (n + quiet * 2)));
  const canvas = document.createElement('canvas');
  canvas.width = canvas.height = cell * (n + quiet * 2);
  const ctx = canvas.getContext('2d');
  if (!ctx) return canvas;
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.fillStyle = '#000000';
  for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) if (qr.isDark(r, c)) ctx.fillRect((c + quiet) * cell, (r + quiet) * cell, cell, cell);
  canvas.setAttribute('data-testid', 'join-qr');
  canvas.dataset.text = text;
  return canvas;
}
