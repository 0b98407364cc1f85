/**
 * `npm run bench:sfu -- --peers N --duration S [--browsers K] [--workers W]
 *    [--max-consumers-per-worker C] [--json]`
 *
 * Starts the server in-process on loopback (fresh data directory, demo seed) and fills the demo
 * meeting's room with N participants that each send audio + video and receive everyone else:
 * N−K synthetic werift clients (join first, one after another) and K headless Chromium pages
 * driving the real UI (join last, into the full room). After all have joined it measures S
 * seconds and prints one JSON object (progress goes to stderr).
 *
 * joinMs: Chromium — click on "Vào phòng họp" (after the device check) → every remote tile has
 * a decoded video frame, both timed in the page (see ChromiumClients.join); synthetic —
 * join-ticket request → first RTP of every producer present at join. The first participant has
 * nobody to receive and gives no figure.
 * The synthetic clients and their media clock run in a worker thread (sfu/syntheticPool.ts): werift
 * does SRTP/RTP in JavaScript, and on the server's event loop that load device delayed the
 * server's answers to the joiners' signaling, which a deployed server (a process of its own)
 * never meets. `benchProcessCpuPct` and `benchEventLoopDelayMs` describe the server's thread only.
 * `--max-consumers-per-worker` lowers the bound at which the room spreads over another worker's
 * router (`pipeToRouter`), so spreading can be measured with few peers; `routers` and the
 * per-worker consumer counts in the output show where it went.
 * BENCH_DEBUG=1 logs werift connection-state changes (written by the worker thread; on Node 20
 * its performance.now() shares the main thread's origin, so the times line up).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import pino from 'pino';
import type { types as ms } from 'mediasoup';
import { defaultServerConfig } from '../sfu-server/src/config';
import { Server } from '../sfu-server/src/Server';
import { ChromiumClients, type TileCounters } from './sfu/chromiumClients';
import { DEMO_USERS } from './sfu/signaling';
import type { StreamSnapshot } from './sfu/syntheticClient';
import { cpuStealMs, threadCpuMs } from './sfu/procStats';
import { SyntheticPool, type SyntheticHandle } from './sfu/syntheticPool';

const { values } = parseArgs({
  options: {
    peers: { type: 'string', default: '6' },
    duration: { type: 'string', default: '20' },
    browsers: { type: 'string', default: '2' },
    workers: { type: 'string' },
    'max-consumers-per-worker': { type: 'string' },
    warmup: { type: 'string', default: '2' },
    build: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
});
const peers = Math.max(1, Number(values.peers));
const durationS = Math.max(1, Number(values.duration));
const browsers = Math.min(peers, Math.max(0, Number(values.browsers)));
const synthetic = peers - browsers;
const root = path.resolve(import.meta.dirname, '..');
const log = (msg: string) =>
  process.stderr.write(`[bench:sfu ${Math.round(performance.now())}] ${msg}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function percentiles(list: number[]): { p50: number; p95: number; max: number; n: number } | null {
  if (list.length === 0) return null;
  const sorted = [...list].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
  const r = (x: number) => Math.round(x);
  return { p50: r(at(0.5)), p95: r(at(0.95)), max: r(sorted.at(-1)!), n: sorted.length };
}
const pct = (lost: number, expected: number) =>
  expected > 0 ? Math.round((10_000 * Math.max(0, lost)) / expected) / 100 : 0;

if (process.env.BENCH_DEBUG) {
  const { observer } = await import('mediasoup');
  observer.on('newworker', (w) =>
    w.observer.on('newrouter', (r) =>
      r.observer.on('newtransport', (t) => {
        // Key frames asked of each video sender and when they came, to see what a joiner waits on.
        t.observer.on('newproducer', (p) => {
          // The synthetic senders send nothing but key frames: only the browsers' are of interest.
          if (p.type !== 'simulcast') return;
          void p.enableTraceEvent(['pli', 'fir', 'keyframe']);
          p.on('trace', (e) => {
            const info = e.info as { ssrc?: number; rid?: string; isKeyFrame?: boolean };
            log(
              `producer ${p.id.slice(0, 6)} ${e.type} ${e.direction} ssrc=${info.ssrc ?? ''} rid=${info.rid ?? ''}`,
            );
          });
        });
        const created = performance.now();
        const ms = () => Math.round(performance.now() - created);
        if (!('iceState' in t)) return;
        const wt = t as ms.WebRtcTransport;
        wt.on('icestatechange', (s) => log(`transport ${wt.id.slice(0, 6)} ice ${s} +${ms()}`));
        wt.on('dtlsstatechange', (s) => log(`transport ${wt.id.slice(0, 6)} dtls ${s} +${ms()}`));
        wt.observer.on('close', () => undefined);
      }),
    ),
  );
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'phonghop-bench-sfu-'));
const server = await Server.create(
  defaultServerConfig({
    port: 0,
    dataDir,
    logLevel: 'silent',
    seedDemo: true,
    ...(values.workers ? { workers: Number(values.workers) } : {}),
    ...(values['max-consumers-per-worker']
      ? { maxConsumersPerWorker: Number(values['max-consumers-per-worker']) }
      : {}),
  }),
  pino({ level: 'silent' }),
);
log(
  `server ${server.url}, ${server.workerPool.size} worker(s); ${synthetic} synthetic + ${browsers} Chromium`,
);

const synthetics = new SyntheticPool();
const clients: SyntheticHandle[] = [];
let chromiumClients: ChromiumClients | undefined;
const errors: string[] = [];

async function serverConsumerStats(syntheticPeerIds: Set<string>) {
  // The pool's own count (mediasoup observer events): WebRTC and pipe consumers per worker.
  const perWorker = new Map(server.workerPool.consumerCounts().map((c) => [c.pid, c]));
  const routers = server.rooms.rooms.reduce((sum, room) => sum + room.routers.length, 0);
  let consumers = 0;
  let producers = 0;
  let chromiumPackets = 0;
  let chromiumLost = 0;
  let upstreamPackets = 0;
  let upstreamLost = 0;
  for (const room of server.rooms.rooms) {
    for (const peer of room.peers) {
      consumers += peer.consumers.length;
      producers += peer.producers.length;
      for (const producer of peer.producers) {
        for (const s of (await producer.getStats().catch(() => [])) as ms.ProducerStat[]) {
          upstreamPackets += s.packetCount;
          upstreamLost += s.packetsLost;
        }
      }
      if (syntheticPeerIds.has(peer.id)) continue;
      // Chromium receivers: the loss they report in RTCP receiver reports.
      for (const consumer of peer.consumers) {
        for (const s of (await consumer.getStats().catch(() => [])) as ms.ConsumerStat[]) {
          if (s.type !== 'outbound-rtp') continue;
          chromiumPackets += s.packetCount;
          chromiumLost += s.packetsLost;
        }
      }
    }
  }
  return {
    consumers,
    producers,
    perWorker,
    routers,
    chromiumPackets,
    chromiumLost,
    upstreamPackets,
    upstreamLost,
  };
}

/** BENCH_DEBUG: every video consumer's layers and counters at the server, to see why one is dry. */
async function logVideoConsumers(): Promise<void> {
  for (const room of server.rooms.rooms)
    for (const peer of room.peers)
      for (const c of peer.consumers) {
        if (c.kind !== 'video') continue;
        const stats = (await c.getStats().catch(() => [])) as ms.ConsumerStat[];
        const out = stats.find((s) => s.type === 'outbound-rtp');
        const ins = stats.filter((s) => s.type !== 'outbound-rtp') as unknown as ms.ProducerStat[];
        log(
          `consumer ${peer.id.slice(0, 6)}←${String(c.appData.peerId).slice(0, 6)} ${c.type} ` +
            `paused=${c.paused}/${c.producerPaused} score=${JSON.stringify(c.score)} ` +
            `current=${JSON.stringify(c.currentLayers)} preferred=${JSON.stringify(c.preferredLayers)} ` +
            `sent=${out?.packetCount ?? 0} in=${ins.map((s) => `${s.rid ?? s.ssrc}:${s.packetCount}`).join(',')} ` +
            JSON.stringify(
              Object.fromEntries(
                Object.entries((await c.dump()) as unknown as Record<string, unknown>).filter(
                  ([k]) => /Layer|bitrate|Bitrate/.test(k),
                ),
              ),
            ),
        );
      }
}

/** Datagrams the kernel dropped for full socket buffers (this network namespace; Linux only). */
function udpRcvbufErrors(): number {
  try {
    const lines = fs
      .readFileSync('/proc/net/snmp', 'utf8')
      .split('\n')
      .filter((l) => l.startsWith('Udp:'));
    const names = lines[0]!.split(/\s+/);
    const values = lines[1]!.split(/\s+/);
    return Number(values[names.indexOf('RcvbufErrors')]);
  } catch {
    return NaN;
  }
}

async function workerCpu(): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  for (const worker of server.workerPool.liveWorkers) {
    const u = await worker.getResourceUsage();
    out.set(worker.pid, u.ru_utime + u.ru_stime);
  }
  return out;
}

let result: Record<string, unknown>;
try {
  // Synthetic participants join one after another, each into the room the previous ones filled.
  for (let i = 0; i < synthetic; i++) {
    const client = await synthetics.add(server.url, DEMO_USERS[i % DEMO_USERS.length]!);
    clients.push(client);
    try {
      await client.join();
    } catch (error) {
      errors.push(`synthetic ${i} (${client.username}): ${(error as Error).message}`);
    }
  }
  log(`synthetic joined: ${clients.map((c) => c.joinMs?.toFixed(0) ?? '-').join(' ')} ms`);

  const chromiumJoinMs: number[] = [];
  if (browsers > 0) {
    chromiumClients = await ChromiumClients.start(root, server.url, values.build);
    for (let i = 0; i < browsers; i++) {
      const username = DEMO_USERS[(synthetic + i) % DEMO_USERS.length]!;
      try {
        // The server thread's stalls during the join are in its phases (serverLoopDelay*).
        const ms = await chromiumClients.join(username, synthetic + i);
        if (synthetic + i > 0) chromiumJoinMs.push(ms);
      } catch (error) {
        errors.push(`chromium ${i} (${username}): ${(error as Error).message.split('\n')[0]}`);
      }
    }
    log(`chromium joined: ${chromiumJoinMs.map((x) => x.toFixed(0)).join(' ')} ms`);
  }

  // Let the last joiners' streams settle, then measure a window of `duration` seconds.
  await sleep(Number(values.warmup) * 1000);
  const syntheticIds = new Set(clients.map((c) => c.peerId).filter(Boolean));
  const cpu0 = await workerCpu();
  const proc0 = threadCpuMs();
  const steal0 = cpuStealMs();
  const synthCpu0 = await synthetics.call('cpuMs');
  const drops0 = udpRcvbufErrors();
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  const t0 = performance.now();
  const server0 = await serverConsumerStats(syntheticIds);
  const snap0 = await Promise.all(clients.map((c) => c.snapshot()));
  const tiles0 = (await chromiumClients?.counters()) ?? [];
  await sleep(durationS * 1000);
  const cpu1 = await workerCpu();
  const proc1 = threadCpuMs();
  const steal1 = cpuStealMs();
  const synthCpu1 = await synthetics.call('cpuMs');
  loopDelay.disable();
  const udpDrops = udpRcvbufErrors() - drops0;
  const wallMs = performance.now() - t0;
  const server1 = await serverConsumerStats(syntheticIds);
  const snap1 = await Promise.all(clients.map((c) => c.snapshot()));
  const tiles1 = (await chromiumClients?.counters()) ?? [];

  // Synthetic receivers: every remote producer in the room delivered packets during the window.
  const roomProducers = server1.producers;
  let synthExpected = 0;
  let synthLost = 0;
  const byKind = { audio: { expected: 0, lost: 0 }, video: { expected: 0, lost: 0 } };
  let synthStreamsOk = true;
  const missing: string[] = [];
  // Who sends each producer, and on which router, to name what a receiver misses.
  const owners = new Map<string, { owner: string; kind: string; peerId: string }>();
  const routerOfPeer = new Map<string, string | undefined>();
  for (const room of server.rooms.rooms) {
    for (const peer of room.peers) {
      routerOfPeer.set(peer.id, room.routerOf(peer)?.id);
      for (const p of peer.producers)
        owners.set(p.id, { owner: peer.info.userId, kind: p.kind, peerId: peer.id });
    }
  }
  snap1.forEach((after, i) => {
    const before = new Map<string, StreamSnapshot>(snap0[i]!.map((s) => [s.producerId, s]));
    const live = after.filter((s) => s.packets > (before.get(s.producerId)?.packets ?? 0));
    // Each client sends 2 producers itself; it should receive all the others.
    const wanted = roomProducers - 2;
    if (live.length < wanted) {
      synthStreamsOk = false;
      const self = clients[i]!.peerId;
      const liveIds = new Set(live.map((s) => s.producerId));
      const absent = [...owners]
        .filter(([id, o]) => o.peerId !== self && !liveIds.has(id))
        .map(([, o]) => {
          const piped = routerOfPeer.get(o.peerId) !== routerOfPeer.get(self);
          return `${o.owner} ${o.kind}${piped ? ' (piped)' : ''}`;
        });
      missing.push(
        `${clients[i]!.username}#${i}: ${live.length}/${wanted}${absent.length ? ` without ${absent.join(', ')}` : ''}`,
      );
    }
    for (const s of after) {
      const b = before.get(s.producerId);
      const expected = s.expected - (b?.expected ?? 0);
      const received = s.packets - (b?.packets ?? 0);
      synthExpected += expected;
      synthLost += Math.max(0, expected - received);
      byKind[s.kind].expected += expected;
      byKind[s.kind].lost += Math.max(0, expected - received);
    }
  });

  // Chromium receivers: one tile per other participant, audio bytes and decoded frames grew.
  let chromiumStreamsOk = true;
  tiles1.forEach((after: TileCounters[], i) => {
    const before = tiles0[i] ?? [];
    const ok =
      after.length === peers - 1 &&
      after.every((t, j) => {
        const b = before[j];
        return !!b && t.framesDecoded > b.framesDecoded && t.audioBytes > b.audioBytes;
      });
    if (!ok) {
      chromiumStreamsOk = false;
      missing.push(`chromium#${i}: ${after.length} tiles`);
    }
  });
  if ((chromiumClients?.pages.length ?? 0) < browsers) chromiumStreamsOk = false;

  if (missing.length) {
    log(`streams missing: ${missing.join('; ')}`);
    if (process.env.BENCH_DEBUG) await logVideoConsumers();
  }
  const connectionStates: Record<string, number> = {};
  for (const c of clients)
    connectionStates[c.connectionState] = (connectionStates[c.connectionState] ?? 0) + 1;
  const chromiumExpected =
    server1.chromiumPackets + server1.chromiumLost - server0.chromiumPackets - server0.chromiumLost;
  const chromiumLost = server1.chromiumLost - server0.chromiumLost;
  const syntheticJoinMs = clients.flatMap((c) => (c.joinMs === undefined ? [] : [c.joinMs]));
  const allJoinMs = [...syntheticJoinMs, ...chromiumJoinMs];
  const workers = [...cpu1.entries()].map(([pid, after]) => ({
    pid,
    cpuPct: Math.round((1000 * (after - (cpu0.get(pid) ?? 0))) / wallMs) / 10,
    consumers: server1.perWorker.get(pid)?.consumers ?? 0,
    pipeConsumers: server1.perWorker.get(pid)?.pipeConsumers ?? 0,
    refused: server1.perWorker.get(pid)?.refused ?? 0,
  }));

  result = {
    peers,
    joinMs: percentiles(allJoinMs),
    joinMsBy: {
      chromium: percentiles(chromiumJoinMs),
      synthetic: percentiles(syntheticJoinMs),
    },
    /**
     * Chromium: join → the first remote tile with a decoded frame (the issue's definition of a
     * Chromium join); joinMs above waits for every tile. From the join phases, first joiner excluded.
     */
    chromiumFirstFrameMs: percentiles(
      (chromiumClients?.pages ?? []).flatMap((p) => {
        const frames = Object.entries(p.phases ?? {})
          .filter(([name]) => name.startsWith('frame:'))
          .map(([, ms]) => ms);
        return frames.length > 0 ? [Math.min(...frames)] : [];
      }),
    ),
    /** Per Chromium joiner: when each RoomClient join step ended, ms after it began. */
    chromiumJoinPhasesMs: chromiumClients?.pages.map((p) => p.phases ?? null) ?? [],
    allStreamsReceived: synthStreamsOk && chromiumStreamsOk && errors.length === 0,
    consumers: server1.consumers,
    producers: server1.producers,
    consumersPerWorker: Math.max(0, ...workers.map((w) => w.consumers)),
    consumersByWorker: workers.map((w) => w.consumers),
    pipeConsumersByWorker: workers.map((w) => w.pipeConsumers),
    maxConsumersPerWorker: server.workerPool.maxConsumersPerWorker,
    /** Consume requests refused because their worker was at the bound (then retried by Chromium). */
    refusedConsumers: workers.reduce((sum, w) => sum + w.refused, 0),
    routers: server1.routers,
    lossPct: pct(synthLost + chromiumLost, synthExpected + chromiumExpected),
    lossPctBy: {
      synthetic: pct(synthLost, synthExpected),
      syntheticAudio: pct(byKind.audio.lost, byKind.audio.expected),
      syntheticVideo: pct(byKind.video.lost, byKind.video.expected),
      chromium: pct(chromiumLost, chromiumExpected),
      upstream: pct(
        server1.upstreamLost - server0.upstreamLost,
        server1.upstreamPackets +
          server1.upstreamLost -
          server0.upstreamPackets -
          server0.upstreamLost,
      ),
    },
    workerCpuPct: Math.round(10 * workers.reduce((sum, w) => sum + w.cpuPct, 0)) / 10,
    workers,
    benchProcessCpuPct: Math.round((1000 * (proc1 - proc0)) / wallMs) / 10,
    syntheticWorkerCpuPct: Math.round((1000 * (synthCpu1 - synthCpu0)) / wallMs) / 10,
    // The server's thread only: a stall here delays signaling answers and the server's own work.
    benchEventLoopDelayMs: {
      p99: Math.round(loopDelay.percentile(99) / 1e6),
      max: Math.round(loopDelay.max / 1e6),
    },
    cpuStealPct: Math.round((1000 * (steal1 - steal0)) / wallMs) / 10,
    udpRcvbufErrors: udpDrops,
    loadAvg1m: Math.round(100 * os.loadavg()[0]!) / 100,
    durationS,
    clients: {
      chromium: chromiumClients?.pages.length ?? 0,
      synthetic: clients.length,
      syntheticConnectionStates: connectionStates,
    },
    notes: {
      joinMs:
        'chromium: click on “Vào phòng họp” (after the device check) → decoded video frame in every remote tile, timed in the page from the click handler (Playwright’s own click and polling overhead are in chromiumJoinPhasesMs as benchClickMs/benchSeenMs); synthetic: join-ticket request → first RTP of every producer present at join; first joiner excluded',
      lossPct:
        'synthetic: RTP sequence gaps per received stream; chromium: RTCP receiver reports at the server; upstream: producers at the server',
      consumersPerWorker:
        'max over workers of consumers on WebRTC transports (the bound applies to these); pipe consumers (pipeToRouter between the room routers) counted apart',
      workerCpuPct:
        'sum over workers of (ru_utime+ru_stime) / wall time during the window, % of one core',
      benchProcessCpuPct:
        'the server’s Node thread (the bench’s main thread) during the window, % of one core; the synthetic clients are in syntheticWorkerCpuPct',
      benchEventLoopDelayMs: 'event loop delay of the server’s thread during the window',
      cpuStealPct:
        'CPU time the host took from this virtual machine during the window, % of one core (2 cores: up to 200); chromiumJoinPhasesMs has it per join as hostStealMs',
      syntheticWorkerCpuPct:
        'the worker thread running every synthetic client and their media clock, % of one core; kept off the server’s event loop, as the server has its own process in production',
      synthetic:
        'werift: Opus silence every 20 ms + a 2 KB VP8 keyframe every 60 ms (~290 kbit/s), one transport for both directions',
    },
    ...(missing.length ? { missing } : {}),
    ...(errors.length ? { errors } : {}),
  };
} catch (error) {
  result = { peers, allStreamsReceived: false, error: (error as Error).message, errors };
} finally {
  // NOTE: printed before tearing down, so a failure while closing cannot lose the measurement.
  process.stdout.write(`${JSON.stringify(result!, null, values.json ? undefined : 2)}\n`);
  await chromiumClients?.close().catch(() => undefined);
  await synthetics.close();
  await server.close().catch(() => undefined);
  fs.rmSync(dataDir, { recursive: true, force: true });
}
process.exit(0);
