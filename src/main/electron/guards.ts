import { app, shell, type Session } from 'electron';
import { isExternalLinkAllowed, isPermissionGranted, withContentSecurityPolicy } from './content-policy';
import { isDevServerRequest, isTrustedRendererUrl, type RendererOrigin } from './renderer-origin';

/**
 * Every web contents the app creates stays on the app's own page: navigation elsewhere is stopped (https links go
 * to the system browser), new windows are refused, <webview> cannot attach.
 */
export function guardAllWebContents(origin: RendererOrigin): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => {
      if (isTrustedRendererUrl(event.url, origin)) return;
      event.preventDefault();
      if (event.isMainFrame && isExternalLinkAllowed(event.url)) void shell.openExternal(event.url);
    });
    contents.on('will-redirect', (event) => {
      if (!isTrustedRendererUrl(event.url, origin)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      if (isExternalLinkAllowed(url)) void shell.openExternal(url);
      return { action: 'deny' };
    });
  });
}

/**
 * The session's policy: the app's pages get our Content-Security-Policy header, nothing leaves the machine (the
 * dev server excepted, in development), and web permissions are refused except the few the app's page needs.
 */
export function applySessionPolicy(session: Session, origin: RendererOrigin): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    if (isTrustedRendererUrl(details.url, origin) || isDevServerRequest(details.url, origin)) {
      callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders) });
    } else {
      callback({});
    }
  });
  session.webRequest.onBeforeRequest(
    { urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'] },
    (details, callback) => callback({ cancel: !isDevServerRequest(details.url, origin) }),
  );
  session.setPermissionRequestHandler((_contents, permission, callback, details) => {
    callback(isPermissionGranted(permission, details.requestingUrl, origin));
  });
  session.setPermissionCheckHandler((_contents, permission, _requestingOrigin, details) =>
    isPermissionGranted(permission, details.requestingUrl, origin),
  );
}
