/**
 * The online door for a strategy: a colyseus.js client that joins a live `market` room, reads the
 * PlayerView through the shared adapter (shared/sync/viewAdapter.ts, the browser client's too),
 * calls the same `decide` once per new game day, and sends the actions as
 * messages (paced under the server's rate limit). Dropped connections are resumed with the
 * reconnection token, or with the seat token once the token has expired.
 */
import { Client, type Room } from 'colyseus.js';
import type { Action } from '../../shared/rules/actions.js';
import { seedRng } from '../../shared/rules/rng.js';
import { BotSeat } from '../../shared/bots/botSeat.js';
import type { Strategy } from '../../shared/bots/types.js';
import { SERVER_MESSAGES as MSG, type ClientMessage, type ServerBody, type Welcome } from '../../shared/protocol/index.js';
import { stateJson, viewFromState, type PrivateMessage, type SyncedState } from '../../shared/sync/viewAdapter.js';
import { followPrivateFeed } from '../../shared/sync/privateDelta.js';

export interface OnlineBotOptions {
  url: string;
  room: string;
  strategy: Strategy;
  name?: string;
  /** Seed of the bot's own RNG (default: room code + strategy name). */
  seed?: string;
  /** Most messages sent per second (the server allows 20 with a burst of 40). */
  maxMessagesPerSecond?: number;
  log?: (line: string) => void;
}

export interface OnlineBotStats {
  playerId: string;
  decisions: number;
  sent: number;
  acked: number;
  refused: number;
  refusedByCode: Record<string, number>;
  strikes: number;
  reconnects: number;
  lastDay: number;
  ended: boolean;
}

export interface OnlineBot {
  stats: OnlineBotStats;
  /** Resolves when the match ends or the bot is stopped. */
  done: Promise<OnlineBotStats>;
  /** The current room (changes after a reconnect). */
  room(): Room | null;
  stop(): Promise<void>;
}

/** Joins `opts.room` and plays until the match ends or `stop()` is called. */
export async function startOnlineBot(opts: OnlineBotOptions): Promise<OnlineBot> {
  const log = opts.log ?? (() => {});
  const client = new Client(opts.url);
  const stats: OnlineBotStats = { playerId: '', decisions: 0, sent: 0, acked: 0, refused: 0, refusedByCode: {}, strikes: 0, reconnects: 0, lastDay: -1, ended: false };
  // The same seat the headless runner and the room's bots use (shared/bots/botSeat.ts).
  const seat = new BotSeat(opts.strategy, seedRng(opts.seed ?? `${opts.room}/${opts.strategy.name}`));
  const queue: Action[] = [];
  const gapMs = 1000 / (opts.maxMessagesPerSecond ?? 15);
  let welcome: Welcome | null = null;
  let priv: PrivateMessage | null = null;
  let room: Room | null = null;
  let stopped = false;
  let finish!: (s: OnlineBotStats) => void;
  const done = new Promise<OnlineBotStats>((resolve) => (finish = resolve));

  const end = () => {
    if (stopped) return;
    stopped = true;
    clearInterval(pump);
    finish(stats);
  };

  // Paced sender: one message per gap, so a busy day never trips the room's rate limit.
  const pump = setInterval(() => {
    const action = queue.shift();
    if (!action || !room) return;
    const { type, ...body } = action;
    const name: ClientMessage = type as ClientMessage;
    room.send(name, { ...body, ref: ++stats.sent });
  }, gapMs);

  const onDay = () => {
    if (!room?.state || !welcome || welcome.spectator) return;
    const json = stateJson(room.state as SyncedState);
    if (json.room?.phase !== 'running') return;
    const day = json.world?.day ?? 0;
    if (day <= stats.lastDay) return;
    stats.lastDay = day;
    // Actions not sent by the next day are stale: the view they came from is gone.
    queue.length = 0;
    const view = viewFromState(json, welcome, priv);
    const decision = seat.decide(view, (line) => log(`day ${day}: ${line}`));
    if (!decision.ok) {
      stats.strikes += 1;
      log(`day ${day}: ${decision.reason === 'garbage' ? 'strategy returned garbage' : `strategy ${decision.reason}`}: ${decision.message}`);
      return;
    }
    stats.decisions += 1;
    queue.push(...decision.actions);
  };

  const wire = (r: Room) => {
    room = r;
    r.onMessage(MSG.welcome, (m: Welcome) => {
      welcome = m;
      stats.playerId = m.playerId;
    });
    followPrivateFeed(r, (p) => (priv = p));
    r.onMessage(MSG.ack, () => (stats.acked += 1));
    r.onMessage(MSG.error, (m: ServerBody<'error'>) => {
      stats.refused += 1;
      stats.refusedByCode[m.code] = (stats.refusedByCode[m.code] ?? 0) + 1;
      log(`refused ${m.code}: ${m.message}`);
    });
    r.onMessage(MSG.ended, () => {
      stats.ended = true;
      log('match ended');
      void r.leave(true).finally(end);
    });
    r.onMessage(MSG.kicked, () => {
      log('kicked by the host');
      end();
    });
    r.onMessage('*', () => {});
    r.onStateChange(onDay);
    r.onLeave((code) => {
      if (stopped || stats.ended) return end();
      if (code === 1000) return end();
      log(`connection lost (${code}); reconnecting`);
      void reconnect(r.reconnectionToken);
    });
  };

  const reconnect = async (token: string) => {
    const deadline = Date.now() + Math.max(5, welcome?.reconnectSeconds ?? 30) * 1000;
    let waitMs = 250;
    while (!stopped && Date.now() < deadline) {
      try {
        wire(await client.reconnect(token));
        stats.reconnects += 1;
        log('reconnected');
        return;
      } catch {
        // The seat may still be claimed by the old session for a moment, or the token has expired.
        if (welcome?.seatToken) {
          try {
            wire(await client.joinById(opts.room, { seatToken: welcome.seatToken }));
            stats.reconnects += 1;
            log('rejoined with the seat token');
            return;
          } catch {
            // try again after a pause
          }
        }
      }
      await new Promise((r) => setTimeout(r, waitMs));
      waitMs = Math.min(waitMs * 2, 4000);
    }
    log('could not reconnect');
    end();
  };

  wire(await client.joinById(opts.room, opts.name ? { playerName: opts.name.slice(0, 40) } : {}));
  return {
    stats,
    done,
    room: () => room,
    async stop() {
      if (stopped) return;
      const r = room;
      end();
      await r?.leave(true).catch(() => {});
    },
  };
}
