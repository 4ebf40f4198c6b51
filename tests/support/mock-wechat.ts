// A local stand-in for the WeChat Official Account API (the endpoints the
// publisher uses, with the documented request and response shapes) and for
// the news app's ingest webhook. It checks every request the way the real
// services would (token, method, body fields) and records them, so a test can
// assert what was sent and that nothing was sent twice.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface MockRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  json: Record<string, unknown> | null;
}

export interface MockWechat {
  url: string;
  appId: string;
  appSecret: string;
  requests: MockRequest[];
  /** Problems found in requests (wrong token, missing fields…); a test expects none. */
  violations: string[];
  /** Requests to one path. */
  calls(path: string): MockRequest[];
  /** Ninjs documents the app webhook accepted. */
  appDocuments: Record<string, unknown>[];
  /** Make the next `n` app webhook calls answer 503 (the app channel is down). */
  failApp(n: number): void;
  /** Make the next `n` freepublish/get polls answer "still publishing". */
  publishingPolls(n: number): void;
  close(): Promise<void>;
}

const TOKEN_PREFIX = 'mock-token-';

export async function startMockWechat(
  opts: {
    appId?: string;
    appSecret?: string;
    /** Permanent image materials the account already holds (e.g. a default cover). */
    materials?: string[];
  } = {},
): Promise<MockWechat> {
  const appId = opts.appId ?? 'wx-test-app';
  const appSecret = opts.appSecret ?? 'test-secret';
  const requests: MockRequest[] = [];
  const violations: string[] = [];
  const appDocuments: Record<string, unknown>[] = [];
  const tokens = new Set<string>();
  const materials = new Map<string, { url: string }>(
    (opts.materials ?? []).map((id) => [id, { url: `http://mmbiz.qpic.cn/mock/${id}.jpg` }]),
  );
  const drafts = new Map<string, { articles: Record<string, unknown>[] }>();
  const publishes = new Map<string, { draft: string }>();
  const appKeys = new Map<string, string>();
  let appFailures = 0;
  let pendingPolls = 0;
  let counter = 0;
  const next = (p: string) => `${p}${++counter}`;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const u = new URL(req.url ?? '/', 'http://mock');
      const body = Buffer.concat(chunks);
      let json: Record<string, unknown> | null = null;
      if ((req.headers['content-type'] ?? '').includes('application/json')) {
        try {
          json = JSON.parse(body.toString('utf8')) as Record<string, unknown>;
        } catch {
          violations.push(`${u.pathname}: body is not JSON`);
        }
      }
      const r: MockRequest = {
        method: req.method ?? '',
        path: u.pathname,
        query: Object.fromEntries(u.searchParams),
        headers: req.headers,
        body,
        json,
      };
      requests.push(r);
      const send = (status: number, payload: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
        res.end(JSON.stringify(payload));
      };
      const wxError = (errcode: number, errmsg: string) => send(200, { errcode, errmsg });
      const needToken = (): boolean => {
        const t = r.query.access_token;
        if (!t || !tokens.has(t)) {
          violations.push(`${r.path}: missing or unknown access_token`);
          wxError(40001, 'invalid credential, access_token is invalid or not latest');
          return false;
        }
        return true;
      };
      const needPost = (): boolean => {
        if (r.method !== 'POST') {
          violations.push(`${r.path}: expected POST, got ${r.method}`);
          wxError(43002, 'require POST method');
          return false;
        }
        return true;
      };

      switch (r.path) {
        case '/cgi-bin/token': {
          if (r.method !== 'GET') violations.push('token: expected GET');
          if (r.query.grant_type !== 'client_credential')
            return wxError(40002, 'invalid grant_type');
          if (r.query.appid !== appId || r.query.secret !== appSecret)
            return wxError(40013, 'invalid appid');
          const token = next(TOKEN_PREFIX);
          tokens.add(token);
          return send(200, { access_token: token, expires_in: 7200 });
        }
        case '/cgi-bin/material/add_material': {
          if (!needPost() || !needToken()) return;
          if (r.query.type !== 'image') {
            violations.push(`add_material: type=${r.query.type}`);
            return wxError(40004, 'invalid media type');
          }
          const ct = r.headers['content-type'] ?? '';
          const text = body.toString('latin1');
          if (!ct.startsWith('multipart/form-data') || !/name="media"; filename="/.test(text)) {
            violations.push('add_material: no multipart `media` file');
            return wxError(41005, 'media data missing');
          }
          const mediaId = next('media-');
          const url = `http://mmbiz.qpic.cn/mock/${mediaId}.jpg`;
          materials.set(mediaId, { url });
          return send(200, { media_id: mediaId, url });
        }
        case '/cgi-bin/media/uploadimg': {
          // Images inside the article: JPG/PNG under 1 MB, answered with a URL (no media_id).
          if (!needPost() || !needToken()) return;
          const ct = r.headers['content-type'] ?? '';
          const text = body.toString('latin1');
          if (!ct.startsWith('multipart/form-data') || !/name="media"; filename="/.test(text)) {
            violations.push('uploadimg: no multipart `media` file');
            return wxError(41005, 'media data missing');
          }
          if (body.length > 1024 * 1024 + 4096) {
            violations.push('uploadimg: image over 1 MB');
            return wxError(40009, 'invalid image size');
          }
          return send(200, { url: `http://mmbiz.qpic.cn/mock/${next('img-')}.jpg` });
        }
        case '/cgi-bin/draft/add': {
          if (!needPost() || !needToken()) return;
          const articles = json?.articles;
          if (!Array.isArray(articles) || articles.length < 1 || articles.length > 8) {
            violations.push('draft/add: articles must hold 1–8 articles');
            return wxError(40007, 'invalid articles');
          }
          for (const a of articles as Record<string, unknown>[]) {
            if (typeof a.title !== 'string' || !a.title)
              violations.push('draft/add: article without title');
            if (typeof a.content !== 'string' || !a.content)
              violations.push('draft/add: article without content');
            if ((a.article_type ?? 'news') === 'news') {
              const thumb = a.thumb_media_id;
              if (typeof thumb !== 'string' || !materials.has(thumb)) {
                violations.push(
                  `draft/add: thumb_media_id ${String(thumb)} is not a permanent material`,
                );
                return wxError(40007, 'invalid media_id');
              }
            }
          }
          const mediaId = next('draft-');
          drafts.set(mediaId, { articles: articles as Record<string, unknown>[] });
          return send(200, { media_id: mediaId });
        }
        case '/cgi-bin/freepublish/submit': {
          if (!needPost() || !needToken()) return;
          const mediaId = json?.media_id;
          if (typeof mediaId !== 'string' || !drafts.has(mediaId))
            return wxError(53503, 'draft not found or already published');
          // A published draft leaves the draft box: it cannot be published twice.
          drafts.delete(mediaId);
          const publishId = String(100000000 + ++counter);
          publishes.set(publishId, { draft: mediaId });
          return send(200, {
            errcode: 0,
            errmsg: 'ok',
            publish_id: publishId,
            msg_data_id: counter,
          });
        }
        case '/cgi-bin/freepublish/get': {
          if (!needPost() || !needToken()) return;
          const publishId = json?.publish_id;
          if (typeof publishId !== 'string' || !publishes.has(publishId))
            return wxError(40007, 'invalid publish_id');
          if (pendingPolls > 0) {
            pendingPolls--;
            return send(200, { publish_id: publishId, publish_status: 1, fail_idx: [] });
          }
          return send(200, {
            publish_id: publishId,
            publish_status: 0,
            article_id: `article-${publishId}`,
            article_detail: {
              count: 1,
              item: [{ idx: 1, article_url: `https://mp.weixin.qq.com/s/mock-${publishId}` }],
            },
            fail_idx: [],
          });
        }
        case '/app/ingest': {
          if (r.method !== 'POST') violations.push('app webhook: expected POST');
          if (appFailures > 0) {
            appFailures--;
            return send(503, { error: 'down for maintenance' });
          }
          const key = String(r.headers['idempotency-key'] ?? '');
          if (!key) violations.push('app webhook: no idempotency-key');
          const known = appKeys.get(key);
          if (known) return send(200, { id: known, url: `https://app.example.cn/a/${known}` });
          if (!json || typeof json.uri !== 'string')
            violations.push('app webhook: body is not a ninjs document with a uri');
          const id = next('app-');
          appKeys.set(key, id);
          if (json) appDocuments.push(json);
          return send(201, { id, url: `https://app.example.cn/a/${id}` });
        }
        default:
          violations.push(`unknown path ${r.path}`);
          return send(404, { errcode: 404, errmsg: 'not found' });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    appId,
    appSecret,
    requests,
    violations,
    calls: (path) => requests.filter((r) => r.path === path),
    appDocuments,
    failApp: (n) => (appFailures = n),
    publishingPolls: (n) => (pendingPolls = n),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
