/**
 * The wire contract of a `market` room, defined once for the server, the browser client and the
 * online bot (docs/protocol.md is the prose version): create/join options, every message in both
 * directions (zod schema + inferred type + frozen name registry) and their helpers.
 */
export * from './room.js';
export * from './classroom.js';
export * from './client.js';
export * from './server.js';
export { BOT_STRATEGIES, type BotListing, type RoomListing, type ScenarioListing } from './listings.js';
