/**
 * `npm run serve:dist` (after the production build): serves dist/ on http://localhost:3000. Browsers treat
 * http://localhost as a secure context, so a newcomer opens the pane with no certificate warning.
 * Outlook needs HTTPS: sideloading uses `npm run start:outlook` instead.
 *
 * A deliberately tiny static server (node:http, no dependency), bound to the loopback interfaces only.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', 'dist');
const PORT = Number(process.env.PORT ?? 3000);
const HOME_PAGE = '/taskpane.html';

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

/** Webpack names bundles `name.0123abcd.js`: such a file never changes, so it may be cached forever. */
const HASHED = /\.[0-9a-f]{8}\.(js|css|map)$/;

function send(
  response: ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'X-Content-Type-Options': 'nosniff',
    ...headers,
  });
  response.end(text);
}

/** The file under ROOT that a URL path names, or null when it would escape ROOT or is malformed. */
function fileFor(urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const file = path.resolve(ROOT, `.${path.posix.normalize(decoded)}`);
  return file === ROOT || file.startsWith(ROOT + path.sep) ? file : null;
}

async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    send(response, 405, 'Method Not Allowed', { Allow: 'GET, HEAD' });
    return;
  }
  const { pathname } = new URL(request.url ?? '/', 'http://localhost');
  if (pathname === '/') {
    send(response, 302, `Found: ${HOME_PAGE}`, { Location: HOME_PAGE });
    return;
  }
  const file = fileFor(pathname);
  const info = file === null ? null : await stat(file).catch(() => null);
  if (file === null || info === null || !info.isFile()) {
    send(response, 404, 'Not Found');
    return;
  }
  const name = path.basename(file);
  response.writeHead(200, {
    'Content-Type': CONTENT_TYPES[path.extname(name).toLowerCase()] ?? 'application/octet-stream',
    'Content-Length': String(info.size),
    'Cache-Control': HASHED.test(name) ? 'public, max-age=31536000, immutable' : 'no-cache',
    'X-Content-Type-Options': 'nosniff',
  });
  if (request.method === 'HEAD') {
    response.end();
    return;
  }
  createReadStream(file)
    .on('error', (error) => {
      console.error(`Reading ${file} failed:`, error);
      response.destroy(error);
    })
    .pipe(response);
}

function listen(host: string): Promise<Server | null> {
  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      console.error(error);
      if (!response.headersSent) send(response, 500, 'Internal Server Error');
      else response.destroy();
    });
  });
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      // A machine without IPv6 has no ::1: serving 127.0.0.1 alone is fine.
      if (host === '::1' && (error.code === 'EADDRNOTAVAIL' || error.code === 'EAFNOSUPPORT')) resolve(null);
      else reject(error);
    });
    server.listen(PORT, host, () => resolve(server));
  });
}

async function main(): Promise<void> {
  const index = await stat(path.join(ROOT, 'taskpane.html')).catch(() => null);
  if (index === null) {
    console.error(`No build in ${ROOT}: run \`npm run build\` first (\`npm run serve:dist\` does both).`);
    process.exit(1);
  }
  // "localhost" resolves to 127.0.0.1 or ::1 depending on the machine: listen on both, and nowhere else.
  let servers: (Server | null)[];
  try {
    servers = await Promise.all([listen('127.0.0.1'), listen('::1')]);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    console.error(
      code === 'EADDRINUSE' ? `Port ${PORT} is already in use: stop the other server or set PORT.` : error,
    );
    process.exit(1);
  }
  console.log(`Solleciti task pane: http://localhost:${PORT}${HOME_PAGE}`);
  console.log('Serving dist/ — press Ctrl+C to stop.');
  const stop = (): void => {
    for (const server of servers) server?.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
