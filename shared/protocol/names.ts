/** Names of the messages a `market` room sends (docs/protocol.md): one table for the server and every client. */
export const SERVER_MESSAGES = Object.freeze({
  welcome: 'welcome',
  history: 'history',
  private: 'private',
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
