/** Served at `/` when no built client exists: says the server runs and how to reach it. */
export function statusPage(): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Beauty Contest server</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem}code{background:#eee;padding:0 .3em}</style>
</head><body>
<h1>Beauty Contest server is running</h1>
<p>The web client has not been built yet (no <code>client/dist</code>). The game server works:
connect a colyseus.js client to this address and join or create the room <code>market</code>.</p>
<ul>
<li><a href="/healthz">/healthz</a> — health</li>
<li><a href="/api/scenarios">/api/scenarios</a> — scenarios</li>
<li><a href="/api/rooms">/api/rooms</a> — live rooms</li>
<li><a href="/api/matches">/api/matches</a> — stored matches</li>
</ul>
<p>The protocol is described in <code>docs/protocol.md</code>.</p>
</body></html>
`;
}
