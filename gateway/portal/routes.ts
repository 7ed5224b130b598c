/** The customer portal's pages and files, and the readable report page. */
import { readFileSync } from 'node:fs';
import type { Route } from '../routes.js';
import { pickLanguage } from './i18n.js';
import { filePage, statusPage, verifyPage } from './pages.js';
import { reportPageRoute } from './report-page.js';

function staticFile(path: string, file: string, type: string): Route {
  const body = readFileSync(new URL(`./static/${file}`, import.meta.url));
  return {
    method: 'GET',
    path,
    access: 'public',
    handle: () => new Response(body, { headers: { 'content-type': type, 'cache-control': 'public, max-age=300', 'x-content-type-options': 'nosniff' } }),
  };
}

const pageRoute = (path: string, render: (language: ReturnType<typeof pickLanguage>, url: URL, id: string) => Response): Route => ({
  method: 'GET',
  path,
  access: 'public',
  handle: (request, { url, params }) => render(pickLanguage(request, url), url, params.id ?? ''),
});

export const PORTAL_ROUTES: readonly Route[] = [
  pageRoute('/', (language, url) => filePage(language, url)),
  pageRoute('/requests/:id/verify', verifyPage),
  pageRoute('/requests/:id', statusPage),
  reportPageRoute,
  ...['portal', 'file', 'status'].map((name) => staticFile(`/portal/${name}.js`, `${name}.js`, 'text/javascript; charset=utf-8')),
  staticFile('/portal/portal.css', 'portal.css', 'text/css; charset=utf-8'),
];
