// A `Location` (or `Content-Location`) that points at the upstream is rewritten to point at the proxy, as a
// reverse proxy does (nginx's `proxy_redirect default`), so that a client that follows it stays behind the proxy
// and its next exchange is judged too. The answer is judged as the upstream sent it; only the client sees this.
import type { OutgoingHttpHeaders } from 'node:http';

const rewritten = ['location', 'content-location'] as const;

/** The headers with each absolute URL under `upstreamBase` moved under `proxyBase` (both without a trailing slash). */
export function rewriteLocations(headers: OutgoingHttpHeaders, upstreamBase: string, proxyBase: string): OutgoingHttpHeaders {
  const out = { ...headers };
  for (const name of rewritten) {
    const value = out[name];
    if (typeof value !== 'string') continue;
    if (value === upstreamBase || value.startsWith(`${upstreamBase}/`) || value.startsWith(`${upstreamBase}?`)) out[name] = `${proxyBase}${value.slice(upstreamBase.length)}`;
  }
  return out;
}
