import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'puppeteer-core';
import { launchChromium } from '../../../src/cli/app/chromium';

/**
 * A loopback server that answers `uiPath` with `onUi` and everything else with one HTML page, and
 * a headless Chromium to load it: the capture tests play Mesop's client in a page of their own,
 * so the timings they test are the page's, not a real server's.
 */
export interface PageServer {
  origin: string;
  browser: Browser;
  close(): Promise<void>;
}

export async function startPageServer(
  page: string,
  uiPath: string,
  onUi: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<PageServer> {
  const server: Server = createServer((req, res) => {
    if (req.url === uiPath) return onUi(req, res);
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(page);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const chromium = await launchChromium().catch(async (e: unknown) => {
    server.close();
    throw e;
  });
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    browser: chromium.browser,
    close: async () => {
      await chromium.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
