import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  isExternalLinkAllowed,
  isPermissionGranted,
  withContentSecurityPolicy,
} from './content-policy';

describe('withContentSecurityPolicy', () => {
  it('replaces whatever policy the response carried, whatever its spelling', () => {
    const headers = withContentSecurityPolicy({
      'content-security-policy': ["default-src *"],
      'Content-Type': ['text/html'],
    });
    expect(headers).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  });

  it('adds the policy to a response without headers', () => {
    expect(withContentSecurityPolicy(undefined)).toEqual({ 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  });

  it("matches the renderer's policy: own scripts only, media by blob and media:, data fetched from media:", () => {
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self';");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(CONTENT_SECURITY_POLICY).toContain("img-src 'self' data: blob: media:;");
    expect(CONTENT_SECURITY_POLICY).toContain("media-src 'self' blob: media:;");
    expect(CONTENT_SECURITY_POLICY).toContain("connect-src 'self' media:;");
  });
});

describe('isExternalLinkAllowed', () => {
  it('opens https links in the system browser', () => {
    expect(isExternalLinkAllowed('https://example.com/docs')).toBe(true);
  });

  it('refuses plain http, local files, custom schemes and credentials', () => {
    for (const url of [
      'http://example.com/',
      'file:///etc/passwd',
      'smb://server/share',
      'javascript:alert(1)',
      'https://user:secret@example.com/',
      'not a url',
    ]) {
      expect(isExternalLinkAllowed(url)).toBe(false);
    }
  });
});

describe('isPermissionGranted', () => {
  const rendererFile = path.resolve('/app/out/renderer/index.html');
  const origin = { devServerUrl: null, rendererFile };
  const page = pathToFileURL(rendererFile).href;

  it('lets the app page go fullscreen and write to the clipboard', () => {
    expect(isPermissionGranted('fullscreen', page, origin)).toBe(true);
    expect(isPermissionGranted('clipboard-sanitized-write', page, origin)).toBe(true);
  });

  it('refuses everything else, and everything to other pages', () => {
    expect(isPermissionGranted('media', page, origin)).toBe(false);
    expect(isPermissionGranted('geolocation', page, origin)).toBe(false);
    expect(isPermissionGranted('openExternal', page, origin)).toBe(false);
    expect(isPermissionGranted('fullscreen', 'https://example.com/', origin)).toBe(false);
    expect(isPermissionGranted('fullscreen', undefined, origin)).toBe(false);
  });
});
