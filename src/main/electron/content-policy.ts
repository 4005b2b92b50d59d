import { isTrustedRendererUrl, type RendererOrigin } from './renderer-origin';

/** The same policy as the renderer's meta tag, sent as a header too so it holds even if the markup changes. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob: media:",
  "media-src 'self' blob: media:",
  // The renderer fetch()es waveforms from media: as data.
  "connect-src 'self' media:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Response headers with our policy in place of any the response carried (header names are case-insensitive). */
export function withContentSecurityPolicy(headers: Record<string, string[]> | undefined): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const [name, values] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') result[name] = values;
  }
  result['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
  return result;
}

/** Links the page asks to open go to the system browser, and only over https. */
export function isExternalLinkAllowed(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}

/** Web permissions the app's own page may use; every other permission, and every other page, is refused. */
const GRANTED_PERMISSIONS: ReadonlySet<string> = new Set(['fullscreen', 'clipboard-sanitized-write']);

export function isPermissionGranted(permission: string, requestingUrl: string | undefined, origin: RendererOrigin) {
  return (
    GRANTED_PERMISSIONS.has(permission) && requestingUrl !== undefined && isTrustedRendererUrl(requestingUrl, origin)
  );
}
