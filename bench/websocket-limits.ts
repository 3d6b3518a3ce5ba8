/**
 * `npm run bench:ws-limits` — what a hostile WebSocket answer costs in memory: a 200 MiB text
 * frame, and a compression bomb (200 MiB of one letter, about 200 KB on the wire), sent by a
 * loopback server in a child process (so that its own memory is not counted). Each case runs
 * in a fresh process and prints the peak RSS above the start, for undici's WebSocket through
 * Node's own global dispatcher as an app that called `fetch` first has it (no limit: what the
 * package did before), and for the package's socket (its dispatcher, 32 MiB limit).
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const SIZE = 200 * 1024 * 1024;
const self = fileURLToPath(import.meta.url);

type Result = { outcome: string; peakMiB: number; ms: number };

/** The loopback server: accepts, sends the one message, prints its port. */
async function serve(kind: 'frame' | 'bomb') {
  const { WebSocketServer } = await import('ws');
  const wss = new WebSocketServer({
    port: 0,
    host: '127.0.0.1',
    perMessageDeflate: kind === 'bomb' ? { threshold: 0 } : false,
  });
  const payload = kind === 'bomb' ? 'a'.repeat(SIZE) : Buffer.alloc(SIZE, 0x61);
  wss.on('connection', ws => ws.send(payload, { binary: false, compress: kind === 'bomb' }));
  wss.on('listening', () => console.log((wss.address() as { port: number }).port));
}

/** One client case, in this process: connects, waits for the message or the close. */
async function client(kind: 'frame' | 'bomb', how: 'node-global' | 'package') {
  const server = spawn(process.execPath, ['--import', 'tsx', self, 'serve', kind], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<string>(r => server.stdout.once('data', d => r(String(d).trim())));
  const url = `ws://127.0.0.1:${port}/responses`;
  // as in an app: Node's fetch first, so the global dispatcher is Node's own undici's
  await fetch(`http://127.0.0.1:${port}/`).catch(() => {});
  // the code is loaded before the count starts
  const { WebSocket } = await import('undici');
  const { openUndiciSocket } = await import('../src/transport/websocket/open-undici-socket');
  const { loadUndici } = await import('../src/transport/load-undici');
  await loadUndici();
  global.gc?.();
  const before = process.memoryUsage().rss;
  let peak = before;
  const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 2);
  const started = performance.now();
  const outcome = await new Promise<string>(resolve => {
    if (how === 'node-global') {
      const dispatcher = (globalThis as Record<symbol, never>)[
        Symbol.for('undici.globalDispatcher.1')
      ];
      const ws = new WebSocket(url, { dispatcher });
      ws.onmessage = e => resolve(`message of ${(e.data as string).length} characters`);
      ws.onclose = e => resolve(`closed (${e.code})`);
    } else {
      void openUndiciSocket({ url, headers: {} }).then(socket =>
        socket.listen({
          onMessage: text => resolve(`message of ${text.length} characters`),
          onClose: error => resolve(error.message),
        }),
      );
    }
  });
  peak = Math.max(peak, process.memoryUsage().rss);
  clearInterval(sample);
  server.kill();
  const result: Result = {
    outcome,
    peakMiB: Math.round((peak - before) / 2 ** 20),
    ms: Math.round(performance.now() - started),
  };
  console.log(JSON.stringify(result));
  process.exit(0);
}

async function main() {
  console.log('\nPeak RSS above the start while one hostile message arrives (Node.js)\n');
  console.log('| message | socket | peak RSS | time | outcome |');
  console.log('|---|---|---|---|---|');
  for (const kind of ['frame', 'bomb'] as const) {
    for (const how of ['node-global', 'package'] as const) {
      const child = spawn(
        process.execPath,
        ['--expose-gc', '--import', 'tsx', self, 'client', kind, how],
        { stdio: ['ignore', 'pipe', 'inherit'] },
      );
      let out = '';
      child.stdout.on('data', d => (out += d));
      await new Promise(r => child.on('close', r));
      const result = JSON.parse(out.trim().split('\n').at(-1)!) as Result;
      const label = kind === 'frame' ? '200 MiB frame' : '200 MiB deflate bomb';
      const socket =
        how === 'node-global' ? "undici's WebSocket, Node's global dispatcher" : 'the package';
      console.log(
        `| ${label} | ${socket} | +${result.peakMiB} MiB | ${result.ms} ms | ${result.outcome} |`,
      );
    }
  }
}

const [mode, kind, how] = process.argv.slice(2);
if (mode === 'serve') await serve(kind as 'frame' | 'bomb');
else if (mode === 'client')
  await client(kind as 'frame' | 'bomb', how as 'node-global' | 'package');
else await main();
