#!/usr/bin/env node
// Bench bot: parses each day's view and answers nothing (the protocol's cost, no strategy).
import { createInterface } from 'node:readline';
for await (const raw of createInterface({ input: process.stdin })) {
  const msg = JSON.parse(raw);
  if (msg.type === 'hello') process.stdout.write(`${JSON.stringify({ type: 'ready', name: 'echo-js', protocol: 1 })}\n`);
  else if (msg.type === 'day') process.stdout.write(`${JSON.stringify({ type: 'actions', day: msg.day, actions: [] })}\n`);
  else break;
}
