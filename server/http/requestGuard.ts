/**
 * The first code every HTTP request meets, /matchmake included (Colyseus answers any path with
 * `/matchmake` itself and buffers the whole body before parsing it: a 400 MB POST moved RSS by
 * 1.2 GB). It caps the body size on every route and admits room creation per client address and
 * in total. It wraps the `request` listeners Colyseus installed, so it runs before them.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Logger } from '../logger.js';

export interface RequestLimits {
  maxHttpBodyBytes: number;
  maxRoomsPerClient: number;
  maxRooms: number;
}

export interface RoomAdmission {
  /** Live rooms right now (this process, any room name). */
  liveRooms(): number;
  isLive(roomId: string): boolean;
}

/** The address a request comes from (the socket's; proxies' headers are not trusted). */
export function clientAddress(req: IncomingMessage): string {
  return req.socket.remoteAddress ?? 'unknown';
}

/** The path without its query: logs never carry a `?token=`. */
export function pathOf(req: IncomingMessage): string {
  return (req.url ?? '').split('?')[0]!.slice(0, 120);
}

function refuse(req: IncomingMessage, res: ServerResponse, status: number, code: string, message: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  // `error` is what colyseus.js shows (MatchMakeError.message); `code` what scripts switch on.
  const body = JSON.stringify({ code: status, error: message, errorCode: code, message });
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), Connection: 'close', 'Access-Control-Allow-Origin': '*' });
  res.end(body);
  // Stop reading what the client still sends (nothing more is buffered); the socket closes once the reply is out.
  req.pause();
  res.once('finish', () => req.destroy());
}

/** `POST …/matchmake/create|joinOrCreate/<any room name>`: the methods that may create a room (lobby rooms too). */
function createMethod(req: IncomingMessage): 'create' | 'joinOrCreate' | null {
  if (req.method !== 'POST' || !req.url) return null;
  const m = /\/matchmake\/(create|joinOrCreate)\//.exec(req.url);
  return m ? (m[1] as 'create' | 'joinOrCreate') : null;
}

export class RequestGuard {
  /** Rooms each address created (pruned lazily against the live registry). */
  private readonly roomsBy = new Map<string, Set<string>>();
  /** Create requests answered not yet: counted so a burst cannot slip past the caps. */
  private readonly pendingBy = new Map<string, number>();
  private pending = 0;
  readonly stats = { bodyRefused: 0, roomsRefused: 0 };

  constructor(private readonly limits: RequestLimits, private readonly rooms: RoomAdmission, private readonly log: Logger) {}

  /** Puts the guard in front of every `request` listener of `server`. */
  install(server: Server): void {
    const listeners = server.listeners('request').slice() as ((req: IncomingMessage, res: ServerResponse) => void)[];
    server.removeAllListeners('request');
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      if (!this.admit(req, res)) return;
      for (const l of listeners) l.call(server, req, res);
    });
  }

  private roomsOf(addr: string): number {
    const set = this.roomsBy.get(addr);
    if (!set) return 0;
    for (const id of set) if (!this.rooms.isLive(id)) set.delete(id);
    if (set.size === 0) this.roomsBy.delete(addr);
    return set.size;
  }

  /** False when the request was refused (already answered). */
  private admit(req: IncomingMessage, res: ServerResponse): boolean {
    // Colyseus answers only GET, POST and OPTIONS under /matchmake: a PUT or HEAD would hold its socket open for good.
    if (req.url?.includes('/matchmake') && !['GET', 'POST', 'OPTIONS'].includes(req.method ?? '')) {
      res.setHeader('Allow', 'GET, POST, OPTIONS');
      refuse(req, res, 405, 'METHOD_NOT_ALLOWED', 'Matchmaking takes POST requests.');
      return false;
    }
    const max = this.limits.maxHttpBodyBytes;
    const declared = Number(req.headers['content-length'] ?? 0);
    if (Number.isFinite(declared) && declared > max) {
      this.stats.bodyRefused++;
      this.log.warn({ addr: clientAddress(req), url: pathOf(req), bytes: declared }, 'request body too large');
      refuse(req, res, 413, 'TOO_LARGE', `Request bodies are limited to ${max} bytes.`);
      return false;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD' && req.method !== 'OPTIONS') {
      // Chunked bodies declare no length: count what arrives (listeners added now see every chunk).
      let seen = 0;
      req.on('data', (chunk: Buffer) => {
        seen += chunk.length;
        if (seen > max && !res.writableEnded) {
          this.stats.bodyRefused++;
          this.log.warn({ addr: clientAddress(req), url: pathOf(req), bytes: seen }, 'request body too large');
          refuse(req, res, 413, 'TOO_LARGE', `Request bodies are limited to ${max} bytes.`);
        }
      });
    }
    const method = createMethod(req);
    if (!method) return true;
    const addr = clientAddress(req);
    const mine = this.roomsOf(addr) + (this.pendingBy.get(addr) ?? 0);
    if (this.rooms.liveRooms() + this.pending >= this.limits.maxRooms) {
      this.stats.roomsRefused++;
      this.log.warn({ addr, live: this.rooms.liveRooms() }, 'room refused: server full');
      refuse(req, res, 503, 'SERVER_FULL', `This server runs its maximum of ${this.limits.maxRooms} rooms: try again later.`);
      return false;
    }
    if (mine >= this.limits.maxRoomsPerClient) {
      this.stats.roomsRefused++;
      this.log.warn({ addr, rooms: mine }, 'room refused: too many rooms from one client');
      refuse(req, res, 429, 'TOO_MANY_ROOMS', `At most ${this.limits.maxRoomsPerClient} open rooms per client: close one first.`);
      return false;
    }
    this.pending++;
    this.pendingBy.set(addr, (this.pendingBy.get(addr) ?? 0) + 1);
    this.attributeReply(addr, res);
    return true;
  }

  /** Reads the room id out of Colyseus' reply, so the room counts against the address that made it. */
  private attributeReply(addr: string, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    const write = res.write.bind(res) as (...a: unknown[]) => boolean;
    const end = res.end.bind(res) as (...a: unknown[]) => ServerResponse;
    const keep = (c: unknown) => {
      if (typeof c === 'string') chunks.push(Buffer.from(c));
      else if (c instanceof Uint8Array) chunks.push(Buffer.from(c));
    };
    res.write = ((c: unknown, ...rest: unknown[]) => {
      keep(c);
      return write(c, ...rest);
    }) as typeof res.write;
    res.end = ((c?: unknown, ...rest: unknown[]) => {
      if (c !== undefined && typeof c !== 'function') keep(c);
      return end(c, ...rest);
    }) as typeof res.end;
    let done = false;
    const settle = () => {
      if (done) return;
      done = true;
      this.pending--;
      const n = (this.pendingBy.get(addr) ?? 1) - 1;
      if (n > 0) this.pendingBy.set(addr, n);
      else this.pendingBy.delete(addr);
      try {
        const reply = JSON.parse(Buffer.concat(chunks).toString()) as { room?: { roomId?: unknown } };
        const roomId = reply.room?.roomId;
        if (typeof roomId !== 'string') return;
        // joinOrCreate may have joined someone else's room: only a room nobody was charged for counts.
        for (const set of this.roomsBy.values()) if (set.has(roomId)) return;
        const set = this.roomsBy.get(addr) ?? new Set<string>();
        set.add(roomId);
        this.roomsBy.set(addr, set);
      } catch {
        // Not JSON (refused, aborted): nothing was created.
      }
    };
    res.once('finish', settle);
    res.once('close', settle);
  }
}
