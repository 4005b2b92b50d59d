import { describe, expect, it } from 'vitest';
import { parseServerMessage } from './server-message';

describe('parseServerMessage', () => {
  it('reads results, failures and events', () => {
    expect(parseServerMessage('{"type":"result","id":1,"ok":true,"value":[1]}')).toEqual({
      type: 'result',
      id: 1,
      ok: true,
      value: [1],
    });
    expect(
      parseServerMessage(
        '{"type":"result","id":null,"ok":false,"error":{"code":"INVALID_REQUEST","message":"Bad","details":{"a":1}}}',
      ),
    ).toEqual({
      type: 'result',
      id: null,
      ok: false,
      error: { code: 'INVALID_REQUEST', message: 'Bad', details: { a: 1 } },
    });
    expect(parseServerMessage('{"type":"event","event":"recent.changed","payload":{"recent":[]}}')).toEqual({
      type: 'event',
      event: 'recent.changed',
      payload: { recent: [] },
    });
  });

  it('refuses anything outside the protocol', () => {
    expect(parseServerMessage('nope')).toBeNull();
    expect(parseServerMessage('{"type":"result","id":1,"ok":false,"error":{"code":"MADE_UP","message":"x"}}')).toBeNull();
    expect(parseServerMessage('{"type":"result","id":"1","ok":true,"value":1}')).toBeNull();
    expect(parseServerMessage('{"type":"event","payload":{}}')).toBeNull();
  });
});
