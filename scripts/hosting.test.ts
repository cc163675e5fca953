import { describe, expect, it } from 'vitest';
import { CSP } from '../vite.config';
import {
  FRAME_ANCESTORS,
  apacheHtaccess,
  netlifyHeaders,
  nginxConf,
  securityHeaders,
  vercelJson,
} from './hosting';

const BASE = '/rnn-playground/';
const HEADER = `${CSP}; ${FRAME_ANCESTORS}`;

describe('the host header files', () => {
  it('send the page policy plus frame-ancestors, which a meta tag cannot carry', () => {
    expect(FRAME_ANCESTORS).toBe("frame-ancestors 'none'");
    expect(CSP).not.toContain('frame-ancestors');
    expect(securityHeaders(CSP)['Content-Security-Policy']).toBe(HEADER);
    expect(securityHeaders(CSP)['X-Frame-Options']).toBe('DENY');
  });

  it('Netlify / Cloudflare _headers: every path under the base', () => {
    const text = netlifyHeaders(CSP, BASE);
    expect(text).toContain(`${BASE}*\n  Content-Security-Policy: ${HEADER}\n`);
    expect(text).toContain('  X-Frame-Options: DENY');
  });

  it('Apache .htaccess', () => {
    expect(apacheHtaccess(CSP)).toContain(`Header always set Content-Security-Policy "${HEADER}"`);
  });

  it('vercel.json: the headers on every path, the cache rules on theirs', () => {
    const { headers } = JSON.parse(vercelJson(CSP, BASE)) as {
      headers: { source: string; headers: { key: string; value: string }[] }[];
    };
    expect(headers.map((h) => h.source)).toEqual([
      `${BASE}(.*)`,
      `${BASE}assets/(.*)`,
      `${BASE}(|index\\.html|sw\\.js|manifest\\.webmanifest)`,
    ]);
    expect(headers[0]?.headers).toContainEqual({ key: 'Content-Security-Policy', value: HEADER });
  });

  it('nginx: each location repeats the headers (a nested add_header drops the outer ones)', () => {
    const text = nginxConf(CSP, BASE);
    const blocks = text.split(/\nlocation /).slice(1);
    expect(blocks.map((b) => b.slice(0, b.indexOf(' {')))).toEqual([
      BASE,
      `${BASE}assets/`,
      `~ ^${BASE}(index\\.html|sw\\.js|manifest\\.webmanifest)?$`,
    ]);
    for (const b of blocks) {
      expect(b).toContain(`add_header Content-Security-Policy "${HEADER}" always;`);
      expect(b).toContain('add_header X-Frame-Options "DENY" always;');
    }
  });
});
