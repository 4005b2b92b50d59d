import { describe, expect, it } from 'vitest';
import { apiSocketUrl, resolveAccessToken, TOKEN_STORAGE_KEY, type TokenStorage } from './access-token';

function memoryStorage(initial: Record<string, string> = {}): TokenStorage & { data: Record<string, string> } {
  const data = { ...initial };
  return {
    data,
    getItem: (key) => data[key] ?? null,
    setItem: (key, value) => {
      data[key] = value;
    },
  };
}

describe('resolveAccessToken', () => {
  it('takes the token from the printed address and remembers it for reloads', () => {
    const storage = memoryStorage();
    expect(resolveAccessToken('?token=abc_DEF-123', storage)).toBe('abc_DEF-123');
    expect(storage.data[TOKEN_STORAGE_KEY]).toBe('abc_DEF-123');
    expect(resolveAccessToken('', storage)).toBe('abc_DEF-123');
  });

  it('prefers a new token in the address over a remembered one', () => {
    const storage = memoryStorage({ [TOKEN_STORAGE_KEY]: 'old' });
    expect(resolveAccessToken('?x=1&token=new', storage)).toBe('new');
    expect(storage.data[TOKEN_STORAGE_KEY]).toBe('new');
  });

  it('copes with storage that is missing or refuses access', () => {
    const broken: TokenStorage = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
    };
    expect(resolveAccessToken('?token=t', broken)).toBe('t');
    expect(resolveAccessToken('', broken)).toBeNull();
    expect(resolveAccessToken('', null)).toBeNull();
  });
});

describe('apiSocketUrl', () => {
  it('connects to /api on the same host, with the token', () => {
    expect(apiSocketUrl({ protocol: 'http:', host: '127.0.0.1:5199' }, 'a b')).toBe('ws://127.0.0.1:5199/api?token=a%20b');
    expect(apiSocketUrl({ protocol: 'https:', host: 'studio.local' }, null)).toBe('wss://studio.local/api');
  });
});
