import { describe, expect, it } from 'vitest';
import { CLIENT_MESSAGE_ROLES, CLIENT_MESSAGES, SERVER_MESSAGES, clientMessageSchemas, serverMessageSchemas } from '../../../shared/protocol/index.js';
import { PLAYER_ACTION_TYPES } from '../../../shared/rules/actions.js';
import { MESSAGE_TABLE, refusalFor } from '../../../server/rooms/messages.js';

describe('the message table', () => {
  it('has exactly one row per client message of shared/protocol, with its schema and role', () => {
    expect([...MESSAGE_TABLE.keys()].sort()).toEqual(Object.keys(CLIENT_MESSAGES).sort());
    for (const [type, row] of MESSAGE_TABLE) {
      expect(row.schema, type).toBe(clientMessageSchemas[type as keyof typeof clientMessageSchemas]);
      expect(row.role, type).toBe(CLIENT_MESSAGE_ROLES[type as keyof typeof CLIENT_MESSAGE_ROLES]);
    }
    for (const t of PLAYER_ACTION_TYPES) expect(MESSAGE_TABLE.get(t)?.role).toBe('player');
    expect(MESSAGE_TABLE.get('kick')?.role).toBe('host');
    expect(MESSAGE_TABLE.get('guessStart')?.role).toBe('teacher');
    expect(MESSAGE_TABLE.get('chat')?.role).toBe('participant');
  });

  it('defines every server message once: the name registry and the schemas agree', () => {
    expect(Object.keys(serverMessageSchemas).sort()).toEqual(Object.values(SERVER_MESSAGES).sort());
    expect(Object.isFrozen(CLIENT_MESSAGES) && Object.isFrozen(SERVER_MESSAGES)).toBe(true);
  });

  it('refuses the engine\'s host actions by name with the message to send instead, and unknown names', () => {
    expect(refusalFor('endMatch')).toEqual({ ok: false, code: 'NOT_HOST', message: 'endMatch is a host command: the host sends "end".' });
    expect(refusalFor('fly')).toMatchObject({ code: 'UNKNOWN_MESSAGE' });
  });
});
