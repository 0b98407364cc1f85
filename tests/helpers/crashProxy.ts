/**
 * Helpers of the kill -9 tests (tests/integration/*.crash.test.ts): a proxy between a client
 * process and the server that holds a sync push at the moment a test kills the client, and the
 * client process itself.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

/**
 * Forwards to `serverUrl`, except requests to `pushPath`: with `forward` false the push is held
 * without being sent on; with true it is sent on, the server's answer awaited, and that answer
 * held back. Either way `onPush` is called at that moment and the client never gets an answer.
 */
export async function startHoldingProxy(options: {
  serverUrl: string;
  pushPath: string;
  forward: boolean;
  onPush: () => void;
}): Promise<{ url: string; close(): void }> {
  const { pushPath, forward, onPush } = options;
  const target = new URL(options.serverUrl);
  const proxy = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const isPush = req.url === pushPath;
      if (isPush && !forward) return onPush();
      const upstream = http.request(
        {
          host: target.hostname,
          port: target.port,
          path: req.url,
          method: req.method,
          headers: req.headers,
        },
        (answer) => {
          const body: Buffer[] = [];
          answer.on('data', (c: Buffer) => body.push(c));
          answer.on('end', () => {
            if (isPush) return onPush();
            res.writeHead(answer.statusCode ?? 502, answer.headers).end(Buffer.concat(body));
          });
        },
      );
      upstream.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
    close: () => {
      proxy.closeAllConnections();
      proxy.close();
    },
  };
}

/** An environment variable the client process cannot do without (the test sets them all). */
export function requiredEnv(name: string): string {
  const value = process.env[name];
  if (value === undefined) throw new Error(`${name} is required`);
  return value;
}

export interface ClientProcess {
  child: ChildProcess;
  /** stdout, line by line. */
  lines: string[];
  /** stderr, kept for failure messages: a killed client may print a half-finished request. */
  errors: string[];
  /** The exit code; null when killed by a signal. */
  exited: Promise<number | null>;
}

/** Runs `script` (relative to the checkout) with tsx's loader, `env` added to this process's. */
export function runClientProcess(script: string, env: Record<string, string>): ClientProcess {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  // Node itself with tsx as a loader, one process: the tsx command would run the script in a
  // child of its own, which a SIGKILL of the command leaves running.
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  // Whole lines only: a chunk may end mid-line.
  let partial = '';
  child.stdout!.on('data', (d: Buffer) => {
    const parts = (partial + d.toString()).split('\n');
    partial = parts.pop()!;
    lines.push(...parts);
  });
  const errors: string[] = [];
  child.stderr!.on('data', (d: Buffer) => errors.push(d.toString()));
  // 'close', not 'exit': the process can end before its last output has been read.
  const exited = new Promise<number | null>((resolve) =>
    child.on('close', (code) => {
      if (partial) lines.push(partial);
      resolve(code);
    }),
  );
  return { child, lines, errors, exited };
}

/**
 * Starts a client through a holding proxy and kills it with SIGKILL once its push reached the
 * proxy (see `startHoldingProxy`); fails when the client exits before pushing. Resolves with the
 * client's stdout once it is dead and the proxy closed.
 */
export async function killClientAtPush(options: {
  serverUrl: string;
  pushPath: string;
  forward: boolean;
  start: (proxyUrl: string) => ClientProcess;
}): Promise<{ lines: string[]; exitCode: number | null }> {
  let pushed!: () => void;
  const pushSeen = new Promise<void>((resolve) => (pushed = resolve));
  const proxy = await startHoldingProxy({ ...options, onPush: () => pushed() });
  try {
    const client = options.start(proxy.url);
    const early = client.exited.then((code) => {
      throw new Error(`The client exited (${code}) before pushing: ${client.errors.join('')}`);
    });
    await Promise.race([pushSeen, early]);
    client.child.kill('SIGKILL');
    const exitCode = await client.exited;
    return { lines: client.lines, exitCode };
  } finally {
    proxy.close();
  }
}
