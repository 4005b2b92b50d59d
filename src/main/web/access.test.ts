import { describe, expect, it } from 'vitest';
import { isSameServer, presentedToken, tokenMatches } from './access';
import { resolveInside } from './static-files';

describe('web shell access rules', () => {
  it('accepts only this server as Host and Origin', () => {
    expect(isSameServer({ host: '127.0.0.1:4000', origin: undefined }, 4000)).toBe(true);
    expect(isSameServer({ host: 'localhost:4000', origin: 'http://localhost:4000' }, 4000)).toBe(true);
    expect(isSameServer({ host: '127.0.0.1:4000', origin: 'http://127.0.0.1:4001' }, 4000)).toBe(false);
    expect(isSameServer({ host: 'attacker.test:4000', origin: undefined }, 4000)).toBe(false);
    expect(isSameServer({ host: '127.0.0.1:4000', origin: 'null' }, 4000)).toBe(false);
    expect(isSameServer({ host: undefined, origin: undefined }, 4000)).toBe(false);
  });

  it('finds the token in the query, a bearer header or the cookie', () => {
    const url = (q: string) => new URL(`http://127.0.0.1/${q}`);
    expect(presentedToken({ url: url('?token=abc'), cookie: undefined, authorization: undefined })).toBe('abc');
    expect(presentedToken({ url: url(''), cookie: undefined, authorization: 'Bearer xyz' })).toBe('xyz');
    expect(presentedToken({ url: url(''), cookie: 'a=1; reelsmith_token=t%3D1', authorization: undefined })).toBe('t=1');
    expect(presentedToken({ url: url(''), cookie: 'a=1', authorization: undefined })).toBeNull();
  });

  it('compares tokens of any length without throwing', () => {
    expect(tokenMatches('secret', 'secret')).toBe(true);
    expect(tokenMatches('secre', 'secret')).toBe(false);
    expect(tokenMatches(null, 'secret')).toBe(false);
  });

  it('keeps every resolved path inside the renderer folder', () => {
    expect(resolveInside('/srv/app', '/assets/a.js')).toBe('/srv/app/assets/a.js');
    expect(resolveInside('/srv/app', '/../etc/passwd')).toBe('/srv/app/etc/passwd');
    expect(resolveInside('/srv/app', '/%2e%2e/%2e%2e/etc/passwd')).toBe('/srv/app/etc/passwd');
    expect(resolveInside('/srv/app', '/a%00b')).toBeNull();
    expect(resolveInside('/srv/app', '/%E0%A4%A')).toBeNull();
  });
});
