/**
 * Downstream bytes by part, read off the raw WebSocket frames a colyseus.js client receives:
 * schema patches, the private feed (`private` + `privateDelta`), chart data (`history`), other
 * (the full state on join, acks, events, welcome…). Colyseus 0.16 frames start with a protocol
 * code; a room message (13) then has its name as a schema string (0xa0 | length, then the bytes).
 */
export const WIRE_PARTS = ['patches', 'private', 'chart', 'other'] as const;
export type WirePart = (typeof WIRE_PARTS)[number];

const ROOM_DATA = 13;
const ROOM_STATE_PATCH = 15;
const PART_OF_MESSAGE: Record<string, WirePart> = { private: 'private', privateDelta: 'private', history: 'chart' };

export function wirePart(frame: Uint8Array): WirePart {
  if (frame[0] === ROOM_STATE_PATCH) return 'patches';
  if (frame[0] !== ROOM_DATA) return 'other';
  const prefix = frame[1] ?? 0;
  if ((prefix & 0xe0) !== 0xa0) return 'other';
  const name = String.fromCharCode(...frame.subarray(2, 2 + (prefix & 0x1f)));
  return PART_OF_MESSAGE[name] ?? 'other';
}

export const emptyParts = (): Record<WirePart, number> => ({ patches: 0, private: 0, chart: 0, other: 0 });

/** Counts every frame `ws` receives into `into` (and its total into `into`'s sum). */
export function countParts(ws: { addEventListener(t: string, f: (e: { data: ArrayBuffer }) => void): void }, into: () => Record<WirePart, number>): void {
  ws.addEventListener('message', (e) => {
    const bytes = new Uint8Array(e.data);
    into()[wirePart(bytes)] += bytes.byteLength;
  });
}
