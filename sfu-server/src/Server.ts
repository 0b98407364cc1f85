/**
 * The server's composition: database, mediasoup workers, rooms, REST and signaling. `create()`
 * starts everything and `close()` stops it in reverse order.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import websocket from '@fastify/websocket';
import pino, { type Logger } from 'pino';
import type { RawData } from 'ws';
import { z } from 'zod';
import {
  MAX_SIGNALING_MESSAGE_BYTES,
  signalingCloseCodes,
  SIGNALING_PATH,
  SIGNALING_PROTOCOL_VERSION,
} from '../../common/protocol/signaling';
import {
  clientErrorHandler,
  frameworkErrorHandler,
  installErrorHandlers,
} from './api/errorHandler';
import { createAuthenticate, MeetingAccess } from './api/access';
import { registerRoutes } from './api/routes';
import { registerAuditRoutes } from './api/auditRoutes';
import { registerUsageRoutes } from './usage/routes';
import { UsageRepository } from './usage/UsageRepository';
import { UsageService } from './usage/UsageService';
import { registerDocumentRoutes } from './documents/routes';
import { AnnotationService } from './annotations/AnnotationService';
import { registerAnnotationRoutes } from './annotations/routes';
import { needsTls, type ServerConfig } from './config';
import { openDatabase, type OpenedDatabase } from './db/database';
import { AuditLog } from './db/repos/AuditLog';
import { MeetingRepository } from './db/repos/MeetingRepository';
import { SessionRepository } from './db/repos/SessionRepository';
import { UserRepository } from './db/repos/UserRepository';
import { WorkerPool } from './media/WorkerPool';
import { JoinTicketStore } from './rooms/JoinTicketStore';
import { RoomRegistry } from './rooms/RoomRegistry';
import { seedDemo, type DemoAccount } from './seed/demoSeed';
import { fillMissingPageTexts } from './documents/pageTexts';
import { PdfInspector } from './documents/inspectPdf';
import { DiskGuard } from './storage/DiskSpace';
import { FilesInFlight } from './storage/FilesInFlight';
import { OrphanSweep } from './storage/OrphanSweep';
import { StorageQuota } from './storage/StorageQuota';
import {
  connectAgenda,
  connectMeetingSessions,
  connectPresentations,
} from './session/connectMeetingSessions';
import { AgendaEvents } from './documents/AgendaEvents';
import { MeetingSessionService } from './session/MeetingSessionService';
import { SignalingSession } from './signaling/SignalingSession';
import { SessionWatch } from './signaling/SessionWatch';
import { PasswordHasher } from './auth/passwords';
import { LoginFailureRepository } from './db/repos/LoginFailureRepository';
import { registerSyncRoutes } from './sync/routes';
import { registerMeetingPlanRoutes } from './planning/routes';
import { registerDirectoryRoutes } from './directory/routes';
import { DirectoryService } from './directory/DirectoryService';
import { SyncService } from './sync/SyncService';
import { loadOrCreateTls, type TlsMaterial } from './tls';
import { serverVersion } from './version';
import { ConclusionsService } from './conclusions/ConclusionsService';
import { PresentationService } from './session/PresentationService';
import { connectConclusions } from './conclusions/connectConclusions';

const wsQuerySchema = z.object({ ticket: z.string().min(10).max(100), v: z.coerce.number().int() });

export interface ServerStartInfo {
  url: string;
  tls: TlsMaterial | undefined;
  demoAccounts: DemoAccount[];
  /** No account exists yet: the start-up lines say how to create the first administrator. */
  noAccounts: boolean;
}

export class Server {
  readonly config: ServerConfig;
  readonly logger: Logger;
  readonly #app: FastifyInstance;
  readonly #database: OpenedDatabase;
  readonly #pool: WorkerPool;
  readonly #rooms: RoomRegistry;
  readonly #info: ServerStartInfo;
  readonly #sessionWatch: SessionWatch;
  /** The live conclusions of every meeting (also read when the notice is issued). */
  readonly conclusions: ConclusionsService;
  /** Presenter sync of every meeting's documents. */
  readonly presentations: PresentationService;
  #closing: Promise<void> | undefined;
  /** Page texts of versions stored before migration 0008, extracted in the background. */
  readonly #pageTextsAbort = new AbortController();
  #pageTexts: Promise<{ filled: number; failed: number }> = Promise.resolve({
    filled: 0,
    failed: 0,
  });
  /** Reads uploaded PDFs in a worker thread within the configured limits (uploads, page texts). */
  readonly #pdfInspector: PdfInspector;
  /** Removes stored files no row names (issue #16); started once the server listens. */
  #orphanSweep: OrphanSweep | undefined;

  private constructor(
    config: ServerConfig,
    logger: Logger,
    app: FastifyInstance,
    database: OpenedDatabase,
    pool: WorkerPool,
    rooms: RoomRegistry,
    info: ServerStartInfo,
    conclusions: ConclusionsService,
    presentations: PresentationService,
    sessionWatch: SessionWatch,
    pdfInspector: PdfInspector,
  ) {
    this.#pdfInspector = pdfInspector;
    this.#sessionWatch = sessionWatch;
    this.config = config;
    this.logger = logger;
    this.#app = app;
    this.#database = database;
    this.#pool = pool;
    this.#rooms = rooms;
    this.#info = info;
    this.conclusions = conclusions;
    this.presentations = presentations;
  }

  static async create(
    config: ServerConfig,
    logger: Logger = pino({ level: config.logLevel }),
  ): Promise<Server> {
    const database = await openDatabase(config.dataDir, config.databaseUrl);
    let pool: WorkerPool | undefined;
    const pdfInspector = new PdfInspector(
      {
        maxPages: config.pdfMaxPages,
        timeoutMs: config.pdfTimeoutMs,
        maxMemoryMb: config.pdfMaxMemoryMb,
      },
      { logger: logger.child({ component: 'documents' }) },
    );
    // Files uploads are working on: the orphan sweep leaves them alone.
    const filesInFlight = new FilesInFlight();
    try {
      const demoAccounts = config.seedDemo ? await seedDemo(database.db, config.dataDir) : [];
      pool = await WorkerPool.create({
        size: config.workers,
        rtcMinPort: config.rtcMinPort,
        rtcMaxPort: config.rtcMaxPort,
        maxConsumersPerWorker: config.maxConsumersPerWorker,
        logger: logger.child({ component: 'workers' }),
      });
      const rooms = new RoomRegistry(pool, logger.child({ component: 'rooms' }));
      pool.on('workerDied', () => {
        // Routers of a dead worker are closed by mediasoup; every room with a router on it closes
        // (whichever of its routers that was) and its clients rejoin.
      });
      const tls = needsTls(config)
        ? await loadOrCreateTls({
            dataDir: config.dataDir,
            host: config.host,
            certFile: config.tlsCertFile,
            keyFile: config.tlsKeyFile,
          })
        : undefined;
      const conclusions = new ConclusionsService(database.db, config.dataDir);
      const presentations = new PresentationService(database.db);
      const sessionWatch = new SessionWatch({
        sessions: new SessionRepository(database.db),
        meetings: new MeetingRepository(database.db),
        logger: logger.child({ component: 'sessions' }),
        intervalMs: config.sessionCheckMs,
      });
      const app = await Server.#buildApp(
        config,
        logger,
        database,
        pool,
        rooms,
        { conclusions, presentations, sessionWatch, pdfInspector, filesInFlight },
        tls,
      ).catch((error: unknown) => {
        sessionWatch.close();
        throw error;
      });
      const noAccounts = (await new UserRepository(database.db).count()) === 0;
      const address = await app.listen({ host: config.host, port: config.port });
      const server = new Server(
        config,
        logger,
        app,
        database,
        pool,
        rooms,
        {
          url: address,
          tls,
          demoAccounts,
          noAccounts,
        },
        conclusions,
        presentations,
        sessionWatch,
        pdfInspector,
      );
      logger.info(
        { url: address, workers: pool.size, schema: database.schemaVersion },
        'Phòng Họp server listening',
      );
      server.#pageTexts = fillMissingPageTexts(database.db, config.dataDir, {
        logger: logger.child({ component: 'documents' }),
        signal: server.#pageTextsAbort.signal,
        inspector: pdfInspector,
      });
      // NOTE: after the seed, whose files are in place before their rows.
      server.#orphanSweep = new OrphanSweep({
        db: database.db,
        dataDir: config.dataDir,
        inFlight: filesInFlight,
        graceMs: config.orphanGraceMs,
        logger: logger.child({ component: 'storage' }),
      });
      server.#orphanSweep.start(config.orphanSweepMs);
      return server;
    } catch (error) {
      await pdfInspector.close();
      await pool?.close();
      await database.close();
      throw error;
    }
  }

  static async #buildApp(
    config: ServerConfig,
    logger: Logger,
    database: OpenedDatabase,
    pool: WorkerPool,
    rooms: RoomRegistry,
    {
      conclusions,
      presentations,
      sessionWatch,
      pdfInspector,
      filesInFlight,
    }: {
      conclusions: ConclusionsService;
      presentations: PresentationService;
      sessionWatch: SessionWatch;
      pdfInspector: PdfInspector;
      filesInFlight: FilesInFlight;
    },
    tls: TlsMaterial | undefined,
  ): Promise<FastifyInstance> {
    const app = Fastify({
      // Per-request logs stay off (warn and up only): errors are logged by the error handler.
      // A quieter server logger (tests: silent) stays quieter.
      loggerInstance: logger.child(
        { component: 'http' },
        { level: logger.levelVal > logger.levels.values.warn! ? logger.level : 'warn' },
      ),
      bodyLimit: config.bodyLimit,
      // Shutdown must not wait on a slow download or a client still streaming a refused upload.
      forceCloseConnections: true,
      // What fails before a route runs answers in the shared error shape too.
      frameworkErrors: frameworkErrorHandler,
      clientErrorHandler,
      ...(tls ? { https: { cert: tls.cert, key: tls.key } } : {}),
    }) as unknown as FastifyInstance;
    installErrorHandlers(app);
    await app.register(rateLimit, { global: false });
    // Twice the signaling limit, so a message over it is still read and answered (too_large).
    await app.register(websocket, {
      options: { maxPayload: 2 * MAX_SIGNALING_MESSAGE_BYTES },
      // A broken or oversized frame is the client's mistake (ws has sent it the close code).
      errorHandler: (error, socket, request) => {
        request.log.warn({ err: error }, 'signaling socket closed on a bad frame');
        socket.terminate();
      },
    });
    const users = new UserRepository(database.db);
    const sessions = new SessionRepository(database.db);
    const meetings = new MeetingRepository(database.db);
    const tickets = new JoinTicketStore({ perMinute: config.joinTicketsPerMinute });
    const meetingSessions = new MeetingSessionService(database.db);
    connectMeetingSessions(meetingSessions, rooms, logger.child({ component: 'meeting' }));
    connectConclusions(conclusions, rooms);
    connectPresentations(presentations, rooms);
    const agendaEvents = new AgendaEvents();
    connectAgenda(agendaEvents, rooms);
    const authenticate = createAuthenticate(sessions, users);
    const access = new MeetingAccess(meetings);
    // One scrypt at a time: the thread pool's other threads stay free for file reads and writes.
    // NOTE: one hasher for sign-in and the directory's new accounts, so the bound holds for both.
    const hasher = new PasswordHasher({ concurrency: 1, maxQueued: 64 });
    registerRoutes(app, {
      authenticate,
      access,
      db: database.db,
      users,
      sessions,
      meetings,
      audit: new AuditLog(database.db),
      pool,
      tickets,
      version: serverVersion,
      loginRateLimit: config.loginRateLimit,
      dataDir: config.dataDir,
      minFreeDiskBytes: config.minFreeDiskBytes,
      hasher,
      loginFailures: new LoginFailureRepository(database.db),
    });
    // Uploads and sync pushes: refused on a full disk (507) and over a quota (413).
    const storage = {
      disk: new DiskGuard(config.dataDir, config.minFreeDiskBytes),
      quota: new StorageQuota({
        meetingBytes: config.meetingQuotaBytes,
        meetingFiles: config.meetingQuotaFiles,
        taskBytes: config.taskQuotaBytes,
        taskFiles: config.taskQuotaFiles,
      }),
      inFlight: filesInFlight,
    };
    registerDocumentRoutes(app, {
      authenticate,
      access,
      db: database.db,
      meetings,
      audit: new AuditLog(database.db),
      dataDir: config.dataDir,
      maxUploadBytes: config.maxUploadBytes,
      agendaEvents,
      inspector: pdfInspector,
      ...storage,
    });
    registerSyncRoutes(app, {
      ...storage,
      authenticate,
      sync: new SyncService(database.db, logger.child({ component: 'sync' })),
      db: database.db,
      audit: new AuditLog(database.db),
      dataDir: config.dataDir,
    });
    registerMeetingPlanRoutes(app, { authenticate, db: database.db });
    registerAnnotationRoutes(app, {
      authenticate,
      annotations: new AnnotationService(database.db, logger.child({ component: 'annotations' })),
    });
    registerDirectoryRoutes(app, {
      authenticate,
      directory: new DirectoryService(database.db, hasher),
    });
    registerAuditRoutes(app, { authenticate, audit: new AuditLog(database.db) });
    registerUsageRoutes(app, {
      authenticate,
      usage: new UsageService(database.db, new UsageRepository(database.db)),
    });

    app.get(SIGNALING_PATH, { websocket: true }, async (socket, request) => {
      // NOTE: listen before the first await: a client sends its first request as soon as the
      // socket opens, while the room may still be being created.
      const early: [RawData, boolean][] = [];
      const hold = (data: RawData, isBinary: boolean) => {
        if (early.length < 32) early.push([data, isBinary]);
      };
      socket.on('message', hold);
      const query = wsQuerySchema.safeParse(request.query);
      if (!query.success) return socket.close(signalingCloseCodes.unauthorized, 'ticket required');
      if (query.data.v !== SIGNALING_PROTOCOL_VERSION) {
        return socket.close(
          signalingCloseCodes.incompatible,
          `signaling protocol ${query.data.v} is not supported; this server speaks ${SIGNALING_PROTOCOL_VERSION}`,
        );
      }
      const ticket = tickets.consume(query.data.ticket);
      const user = ticket && (await users.get(ticket.userId));
      const meetingRole = ticket && (await meetings.meetingRole(ticket.meetingId, ticket.userId));
      // A ticket is worth no more than the sign-in it was issued to (signed out, reset, disabled).
      const signedIn =
        ticket && (await sessions.liveOf([ticket.sessionTokenHash])).has(ticket.sessionTokenHash);
      if (!ticket || !user || !meetingRole || !signedIn) {
        return socket.close(signalingCloseCodes.unauthorized, 'invalid or expired ticket');
      }
      try {
        const room = await rooms.getOrCreate(ticket.meetingId);
        socket.off('message', hold);
        const session = new SignalingSession({
          socket,
          room,
          user,
          meetingRole,
          logger: room.logger,
          listenIp: config.host === 'localhost' ? '127.0.0.1' : config.host,
          announcedIp: config.announcedIp,
          sessions: meetingSessions,
          conclusions,
          presentations,
          watch: { watch: sessionWatch, sessionTokenHash: ticket.sessionTokenHash },
          audit: new AuditLog(database.db),
        });
        for (const [data, isBinary] of early) session.receive(data, isBinary);
      } catch (error) {
        logger.error({ err: error }, 'could not open room');
        socket.close(1011, 'room unavailable');
      }
    });
    return app;
  }

  get url(): string {
    return this.#info.url;
  }
  get info(): ServerStartInfo {
    return this.#info;
  }
  get workerPool(): WorkerPool {
    return this.#pool;
  }
  get rooms(): RoomRegistry {
    return this.#rooms;
  }
  /** The sweep of unreferenced files; tools and tests run it with `runOnce()`. */
  get orphanSweep(): OrphanSweep {
    return this.#orphanSweep!;
  }
  /** The database, for tools and tests that look at what was stored. */
  get database(): OpenedDatabase {
    return this.#database;
  }

  /** Settles when the start-up extraction of missing page texts (search) has finished. */
  get pageTextsFilled(): Promise<{ filled: number; failed: number }> {
    return this.#pageTexts;
  }

  /** Idempotent: stops accepting, closes rooms and workers, then the database. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      this.logger.info('shutting down');
      this.#sessionWatch.close();
      for (const client of this.#app.websocketServer?.clients ?? [])
        client.close(signalingCloseCodes.serverShutdown, 'server shutting down');
      this.#rooms.close();
      await this.#app.close();
      await this.#pool.close();
      await this.conclusions.close();
      // NOTE: before the database closes: a sweep under way reads it.
      await this.#orphanSweep?.close();
      // NOTE: the page-text extraction writes to the database: stopped before it closes.
      this.#pageTextsAbort.abort();
      // NOTE: after the abort, so the extraction stops instead of counting its file as failed.
      await this.#pdfInspector.close();
      await this.#pageTexts;
      await this.#database.close();
      this.logger.info('shut down');
    })();
    return this.#closing;
  }
}
