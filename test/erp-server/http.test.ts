/**
 * The HTTP edge of the demo ERP: who may call (dev identity tokens, the read-only static key), CORS for
 * the task pane, problem+json for every error, 404/405/413/415, and the dev token endpoint.
 */
import type { RunningErpServer } from '../../dev/erp/server';
import { books, call, GUEST, MARTA, startTestErp, tokenFor } from './helpers';

let erp: RunningErpServer;
beforeAll(async () => {
  erp = await startTestErp({ seed: books(3) });
});
afterAll(async () => {
  await erp.close();
});

const withToken = (token: string) => ({ headers: { Authorization: `Bearer ${token}` } });

describe('authentication', () => {
  test('no credentials: 401 problem with a Bearer challenge', async () => {
    const answer = await call(erp, 'GET', '/api/v1/open-items');
    expect(answer.status).toBe(401);
    expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer realm="solleciti-erp"/);
    expect(answer.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(answer.body).toMatchObject({ title: 'Unauthorized', status: 401 });
  });

  test('the static key reads everything and writes nothing', async () => {
    for (const path of [
      '/api/v1/open-items',
      '/api/v1/customers',
      '/api/v1/agents',
      '/api/v1/reminder-setup',
      '/api/v1/reminder-log',
    ]) {
      expect((await call(erp, 'GET', path, { as: 'static' })).status).toBe(200);
    }
    const write = await call(erp, 'POST', '/api/v1/reminder-claims', { as: 'static', body: {} });
    expect(write.status).toBe(403);
    expect(write.body.detail).toContain('read-only');
    expect(
      (await call(erp, 'DELETE', `/api/v1/reminder-claims/${'a'.repeat(64)}`, { as: 'static' })).status,
    ).toBe(403);
  });

  test('the static key can be changed or switched off', async () => {
    const locked = await startTestErp({ staticKey: null });
    try {
      expect((await call(locked, 'GET', '/api/v1/agents', { as: 'static' })).status).toBe(401);
    } finally {
      await locked.close();
    }
    const custom = await startTestErp({ staticKey: 's3cret' });
    try {
      expect((await call(custom, 'GET', '/api/v1/agents', withToken('s3cret'))).status).toBe(200);
      expect((await call(custom, 'GET', '/api/v1/agents', { as: 'static' })).status).toBe(401);
    } finally {
      await custom.close();
    }
  });

  test('an expired token is 401 invalid_token', async () => {
    const expired = tokenFor(MARTA, { now: Date.now() - 2 * 3600 * 1000 });
    const answer = await call(erp, 'GET', '/api/v1/open-items', withToken(expired));
    expect(answer.status).toBe(401);
    expect(answer.headers.get('www-authenticate')).toContain('error="invalid_token"');
    expect(answer.body.detail).toContain('expired');
  });

  test('a token for Graph, signed with another secret, or tampered with is 401', async () => {
    expect(
      (await call(erp, 'GET', '/api/v1/agents', withToken(tokenFor(MARTA, { audience: 'graph' })))).body
        .detail,
    ).toContain('not "erp"');
    expect(
      (await call(erp, 'GET', '/api/v1/agents', withToken(tokenFor(MARTA, { secret: 'other' })))).status,
    ).toBe(401);
    const [header, , signature] = tokenFor(MARTA).split('.');
    const forged = `${header}.${Buffer.from(JSON.stringify({ sub: 'admin@example.it', aud: 'erp', name: 'x', iat: 1, exp: 9e9, iss: 'solleciti-dev' })).toString('base64url')}.${signature}`;
    expect((await call(erp, 'GET', '/api/v1/agents', withToken(forged))).status).toBe(401);
    expect(
      (await call(erp, 'GET', '/api/v1/agents', { headers: { Authorization: 'Basic bWFydGE6eA==' } })).status,
    ).toBe(401);
  });

  test('any signed-in user reads; rights to write come from the setup', async () => {
    expect((await call(erp, 'GET', '/api/v1/open-items', { as: GUEST })).status).toBe(200);
  });
});

describe('CORS for the task pane', () => {
  test('a preflight from the task pane origin is answered with the methods and headers it may use', async () => {
    const answer = await call(erp, 'OPTIONS', '/api/v1/reminder-setup', {
      headers: {
        Origin: 'https://localhost:3000',
        'Access-Control-Request-Method': 'PUT',
        'Access-Control-Request-Headers': 'authorization, if-match, content-type',
      },
    });
    expect(answer.status).toBe(204);
    expect(answer.headers.get('access-control-allow-origin')).toBe('https://localhost:3000');
    expect(answer.headers.get('access-control-allow-methods')).toBe('GET, PUT, OPTIONS');
    const allowed = (answer.headers.get('access-control-allow-headers') ?? '').toLowerCase();
    for (const header of ['authorization', 'if-match', 'content-type']) expect(allowed).toContain(header);
  });

  test('responses to the task pane expose ETag; other origins get no CORS headers', async () => {
    const answer = await call(erp, 'GET', '/api/v1/reminder-setup', {
      as: MARTA,
      headers: { Origin: 'http://localhost:3000' },
    });
    expect(answer.headers.get('access-control-allow-origin')).toBe('http://localhost:3000');
    expect(answer.headers.get('access-control-expose-headers')).toContain('ETag');
    const stranger = await call(erp, 'GET', '/api/v1/reminder-setup', {
      as: MARTA,
      headers: { Origin: 'https://evil.example' },
    });
    expect(stranger.headers.get('access-control-allow-origin')).toBeNull();
    const preflight = await call(erp, 'OPTIONS', '/api/v1/open-items', {
      headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'GET' },
    });
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });

  test('origins are configurable', async () => {
    const other = await startTestErp({ corsOrigins: ['https://pane.example:8443'] });
    try {
      const answer = await call(other, 'OPTIONS', '/dev/token', {
        headers: { Origin: 'https://pane.example:8443', 'Access-Control-Request-Method': 'POST' },
      });
      expect(answer.status).toBe(204);
      expect(
        (await call(other, 'OPTIONS', '/dev/token', { headers: { Origin: 'https://localhost:3000' } }))
          .status,
      ).toBe(403);
    } finally {
      await other.close();
    }
  });
});

describe('errors are problems', () => {
  test('unknown routes are 404, wrong methods 405 with Allow', async () => {
    const missing = await call(erp, 'GET', '/api/v1/invoices', { as: 'static' });
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const wrong = await call(erp, 'DELETE', '/api/v1/reminder-setup', { as: MARTA });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET, PUT');
  });

  test('a body over 1 MB is 413; a body that is not JSON is 415 or 400', async () => {
    const huge = JSON.stringify({ key: 'x', padding: 'x'.repeat(1024 * 1024) });
    expect((await call(erp, 'POST', '/api/v1/reminder-claims', { as: MARTA, body: huge })).status).toBe(413);
    const text = await call(erp, 'POST', '/api/v1/reminder-claims', {
      as: MARTA,
      body: 'key=1',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(text.status).toBe(415);
    const broken = await call(erp, 'POST', '/api/v1/reminder-claims', { as: MARTA, body: '{"key":' });
    expect(broken.body).toMatchObject({ status: 400, field: 'body' });
    const empty = await call(erp, 'POST', '/api/v1/reminder-claims', {
      as: MARTA,
      headers: { 'Content-Type': 'application/json' },
    });
    expect(empty.body).toMatchObject({ status: 400, field: 'body' });
  });

  test('an unexpected failure is a 500 problem, not a dropped connection', async () => {
    const failing = await startTestErp({
      seed: books(1),
      renderPdf: async () => {
        throw new Error('renderer exploded');
      },
    });
    try {
      const answer = await call(failing, 'GET', '/api/v1/documents/D-I01/pdf', { as: 'static' });
      expect(answer.status).toBe(500);
      expect(answer.body).toMatchObject({ title: 'Internal server error', status: 500 });
    } finally {
      await failing.close();
    }
  });
});

describe('the dev token endpoint', () => {
  test('POST /dev/token issues a bearer token for a user and an audience, named from the seed users', async () => {
    const answer = await call<{ access_token: string; token_type: string; expires_in: number }>(
      erp,
      'POST',
      '/dev/token',
      {
        body: { user: 'Marta@Example.IT', audience: 'erp', expiresIn: 600 },
      },
    );
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ token_type: 'Bearer', expires_in: 600 });
    const claims = JSON.parse(
      Buffer.from(answer.body.access_token.split('.')[1] ?? '', 'base64url').toString('utf8'),
    ) as Record<string, unknown>;
    expect(claims).toMatchObject({ sub: MARTA, aud: 'erp', name: 'Marta Rossi', iss: 'solleciti-dev' });
    expect((await call(erp, 'GET', '/api/v1/agents', withToken(answer.body.access_token))).status).toBe(200);
  });

  test('bad token requests are 400 naming the field', async () => {
    expect(
      (await call(erp, 'POST', '/dev/token', { body: { user: 'marta', audience: 'erp' } })).body,
    ).toMatchObject({ status: 400, field: 'user' });
    expect(
      (await call(erp, 'POST', '/dev/token', { body: { user: MARTA, audience: 'sharepoint' } })).body,
    ).toMatchObject({ status: 400, field: 'audience' });
    expect(
      (await call(erp, 'POST', '/dev/token', { body: { user: MARTA, audience: 'erp', expiresIn: 0 } })).body,
    ).toMatchObject({ status: 400, field: 'expiresIn' });
    expect((await call(erp, 'GET', '/dev/token')).status).toBe(405);
  });
});
