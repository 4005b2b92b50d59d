import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { isDevServerRequest, isTrustedRendererUrl, isTrustedSender, type RendererOrigin } from './renderer-origin';

const rendererFile = path.resolve('/opt/Reelsmith/out/renderer/index.html');
const rendererUrl = pathToFileURL(rendererFile).href;
const built: RendererOrigin = { devServerUrl: null, rendererFile };
const dev: RendererOrigin = { devServerUrl: 'http://localhost:5173/', rendererFile };

describe('isTrustedRendererUrl', () => {
  it('trusts the built renderer page, with any query or hash', () => {
    expect(isTrustedRendererUrl(rendererUrl, built)).toBe(true);
    expect(isTrustedRendererUrl(`${rendererUrl}?view=timeline#clip-3`, built)).toBe(true);
  });

  it('does not trust other files, even beside the renderer', () => {
    expect(isTrustedRendererUrl(pathToFileURL('/opt/Reelsmith/out/renderer/other.html').href, built)).toBe(false);
    expect(isTrustedRendererUrl(pathToFileURL('/home/user/Downloads/index.html').href, built)).toBe(false);
    expect(isTrustedRendererUrl('file:///opt/Reelsmith/out/renderer/../../../../etc/index.html', built)).toBe(false);
  });

  it('does not trust a file URL on another host (a network share)', () => {
    expect(isTrustedRendererUrl(`file://evil-host${pathToFileURL(rendererFile).pathname}`, built)).toBe(false);
  });

  it('trusts the dev server origin only while developing', () => {
    expect(isTrustedRendererUrl('http://localhost:5173/', dev)).toBe(true);
    expect(isTrustedRendererUrl('http://localhost:5173/index.html?x=1', dev)).toBe(true);
    expect(isTrustedRendererUrl('http://localhost:5173/', built)).toBe(false);
  });

  it('does not trust look-alike origins', () => {
    expect(isTrustedRendererUrl('http://localhost:5174/', dev)).toBe(false);
    expect(isTrustedRendererUrl('https://localhost:5173/', dev)).toBe(false);
    expect(isTrustedRendererUrl('http://localhost.evil.example:5173/', dev)).toBe(false);
    expect(isTrustedRendererUrl('http://user:pass@localhost:5173/', dev)).toBe(false);
  });

  it('does not trust other schemes or garbage', () => {
    for (const url of ['https://example.com/', 'about:blank', 'data:text/html,hi', 'javascript:alert(1)', '', 'nope']) {
      expect(isTrustedRendererUrl(url, dev)).toBe(false);
    }
  });

  it('on Windows, compares paths without regard to case', () => {
    const windows: RendererOrigin = {
      devServerUrl: null,
      rendererFile: 'C:\\Program Files\\Reelsmith\\resources\\app.asar\\out\\renderer\\index.html',
      platform: 'win32',
    };
    // fileURLToPath follows the running platform, so this case only means something on Windows itself.
    if (process.platform === 'win32') {
      const lowerCase = 'file:///c:/program%20files/Reelsmith/resources/app.asar/out/renderer/index.html';
      expect(isTrustedRendererUrl(lowerCase, windows)).toBe(true);
    }
    expect(isTrustedRendererUrl('file:///C:/Users/x/index.html', windows)).toBe(false);
  });
});

describe('isTrustedSender', () => {
  const mainFrame = { processId: 4, routingId: 1 };

  it("accepts the main window's top frame showing the app", () => {
    expect(isTrustedSender({ ...mainFrame, url: rendererUrl }, mainFrame, built)).toBe(true);
  });

  it('rejects a subframe, another window or a destroyed frame', () => {
    expect(isTrustedSender({ processId: 4, routingId: 7, url: rendererUrl }, mainFrame, built)).toBe(false);
    expect(isTrustedSender({ processId: 9, routingId: 1, url: rendererUrl }, mainFrame, built)).toBe(false);
    expect(isTrustedSender(null, mainFrame, built)).toBe(false);
  });

  it('rejects every call when there is no main window', () => {
    expect(isTrustedSender({ ...mainFrame, url: rendererUrl }, null, built)).toBe(false);
  });

  it('rejects the top frame once it shows something other than the app', () => {
    expect(isTrustedSender({ ...mainFrame, url: 'https://example.com/' }, mainFrame, built)).toBe(false);
    expect(isTrustedSender({ ...mainFrame, url: 'about:blank' }, mainFrame, built)).toBe(false);
  });
});

describe('isDevServerRequest', () => {
  it("lets the dev server's pages and hot-reload socket through", () => {
    expect(isDevServerRequest('http://localhost:5173/src/main.ts', dev)).toBe(true);
    expect(isDevServerRequest('ws://localhost:5173/?token=abc', dev)).toBe(true);
  });

  it('refuses every other remote request, and everything when not developing', () => {
    expect(isDevServerRequest('https://example.com/', dev)).toBe(false);
    expect(isDevServerRequest('http://localhost:8080/', dev)).toBe(false);
    expect(isDevServerRequest('http://localhost:5173/', built)).toBe(false);
  });
});
