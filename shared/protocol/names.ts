/** Names of the messages a `market` room sends (docs/protocol.md): one table for the server and every client. */
export const SERVER_MESSAGES = Object.freeze({
  welcome: 'welcome',
  history: 'history',
  private: 'private',
  privateDelta: 'privateDelta',
  events: 'events',
  myEvents: 'myEvents',
  ack: 'ack',
  error: 'error',
  ended: 'ended',
  kicked: 'kicked',
  guess: 'guess',
  roster: 'roster',
  chat: 'chat',
} as const);

/**
 * WebSocket close codes a `market` room uses. Colyseus closes every socket with 4000 ("consented")
 * on a graceful shutdown, which a client cannot tell from being sent away; a server that is going
 * down to come back says so, and clients reconnect instead of giving up.
 */
export const CLOSE_CODES = Object.freeze({
  /** Left, kicked, or the room closed for good: nothing to come back to. */
  consented: 4000,
  /** The server is stopping (restart or deploy): the match is saved and resumes with the server. */
  serverRestart: 4100,
} as const);
