/** Composition root: builds one Draftroom server from a config. No module-level state. */
import { Metrics } from './metrics';
import { SharedCounts } from './http/sharedCounts';
import express from 'express';
import helmet from 'helmet';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Config } from './config';
import { createLogger, logTo, type Logger } from './log';
import { NODE_HEADER } from './nodeId';
import { apiRouter, sendError } from './http/api';
import { exportRouter } from './http/exportRoutes';
import { clientPages } from './http/clientPages';
import { errorHandler } from './http/errors';
import { stampNodeHeader } from './http/nodeHeader';
import { refuseSocket } from './http/refuseSocket';
import { fanOut } from './rooms/fanOut';
import { WorkshopRegistry, type RegistryListener } from './rooms/WorkshopRegistry';
import { attachSocketHandlers, createSocketServer } from './socket/attachSockets';
import { SocketPublisher } from './socket/SocketPublisher';
import type { IO } from './socket/types';
import { perMinute } from './security';
import { openStore } from './store/openStore';
import { PgStore } from './store/PgStore';
import { PgLeases } from './cluster/PgLeases';
import { SingleNode, type Ownership } from './cluster/ownership';
import type { WorkshopStore } from './store/types';
import { YJS_KEEPALIVE_MS, YjsGateway } from './yjs/YjsGateway';
import { RadarService } from './radar/RadarService';
import { CoachingRecords } from './coaching/CoachingRecords';
import { BOARD_EVERY_MS, CoachingService } from './coaching/CoachingService';
import { coachFlags } from './radar/coachFlags';
import { roomOf } from './socket/types';

export interface App {
  http: HttpServer;
  io: IO;
  registry: WorkshopRegistry;
  store: WorkshopStore;
  yjs: YjsGateway;
  /** This server's structured log (JSON lines, see log.ts). */
  logger: Logger;
  /** Starts listening; resolves with the base URL (and /readyz says ready). */
  listen(): Promise<string>;
  /**
   * Stops taking new work before a shutdown: /readyz answers 503 (a load balancer moves traffic
   * away) and new workshops are refused with 503 + Retry-After; what is running goes on until close.
   */
  drain(): void;
  close(): Promise<void>;
}

export function createApp(config: Config, now: () => number = Date.now): App {
  const logger = createLogger({ level: config.logLevel, nodeId: config.nodeId });
  const log = logTo(logger);
  const nodeHeaders = { [NODE_HEADER]: config.nodeId };
  const store = openStore(config, log);
  // Several nodes share PostgreSQL: a workshop is served by the node holding its lease, and every write is fenced by it.
  const ownership: Ownership = config.databaseUrl
    ? new PgLeases(config.nodeId, { url: config.databaseUrl, schema: config.databaseSchema, handoverMinHoldMs: config.handoverMinHoldMs }, log)
    : new SingleNode(config.nodeId);
  if (store instanceof PgStore) store.fence = (workshopId) => ownership.fence(workshopId);
  const web = express();
  const http = createServer(web);
  const io = createSocketServer(http, config.allowedOrigins);
  stampNodeHeader(http, io, config.nodeId);
  const publisher = new SocketPublisher(io, config.broadcastIntervalMs, config.memberCountsIntervalMs, now);
  const listeners: Partial<RegistryListener>[] = [publisher];
  const registry = new WorkshopRegistry(store, ownership, fanOut(listeners), config.workshopTtlMs, now);
  ownership.onLost = (workshopId) => registry.lost(workshopId);
  ownership.onWanted = (workshopId) => void registry.handOver(workshopId).catch((error: unknown) => log(`workshop ${workshopId}: handing over`, error));
  if (store instanceof PgStore) store.onFenced = (workshopId) => registry.lost(workshopId);
  const metrics = new Metrics({
    connections: () => {
      let participants = 0;
      for (const socket of io.of('/').sockets.values()) if (socket.data.role === 'participant') participants++;
      return { participants, facilitators: io.of('/').sockets.size - participants };
    },
    workshopsLoaded: () => registry.loadedCount,
    docsLoaded: () => yjs.loadedCount,
    leases: () => ({ held: ownership.held, ...ownership.counts }),
  });
  store.onCommit = (ms) => metrics.commit(ms);
  // "Saving paused" on every screen while the store does not take writes (typing goes on meanwhile).
  let savingPaused = false;
  store.onHealth = (ok) => {
    savingPaused = !ok;
    io.emit('server:saving', { paused: savingPaused });
  };
  io.on('connection', (socket) => {
    if (savingPaused) socket.emit('server:saving', { paused: true });
  });
  const yjs = new YjsGateway(registry, store, now, config.allowedOrigins, log, {
    unloadGraceMs: config.docUnloadGraceMs,
    keepaliveMs: YJS_KEEPALIVE_MS,
    onEdit: (ms) => metrics.edit(ms),
    headers: nodeHeaders,
    logger,
  });
  const coachingRecords = new CoachingRecords(store, (workshopId) => registry.inMemory(workshopId)?.storedCoaching ?? null, log, now);
  const coaching = new CoachingService({
    records: coachingRecords,
    emit: (workshopId, board) => io.to(roomOf.workshop(workshopId)).emit('board:content', board),
    now,
    throttleMs: BOARD_EVERY_MS,
  });
  const radar = new RadarService({
    yjs,
    coach: coachFlags,
    emit: (workshopId, summaries) => io.to(roomOf.facilitators(workshopId)).emit('radar:summaries', summaries),
    watching: (workshopId) => (io.sockets.adapter.rooms.get(roomOf.facilitators(workshopId))?.size ?? 0) > 0,
    throttleMs: config.radarIntervalMs,
    now,
    coaching,
  });
  yjs.onDocChange = (workshopId, groupId) => {
    const room = registry.loaded(workshopId, now());
    if (room) radar.changed(room, groupId);
  };
  listeners.push(yjs, radar, coaching);
  // Node takes its own 'error' listener off a socket it hands to 'upgrade' or 'connect': every
  // path below either gives the socket to ws (which listens at once) or refuses it with
  // refuseSocket (which listens until it is closed). Engine.IO has answered its own path already.
  http.on('upgrade', (req, socket, head) => {
    // Socket.IO handles its own path; everything else that is not /yjs is refused.
    if (req.url?.startsWith('/socket.io/')) return;
    if (!yjs.handleUpgrade(req, socket, head)) refuseSocket(socket, 404, 'Not Found', nodeHeaders);
  });
  // CONNECT (a proxy tunnel) is not served: answered, where Node alone would drop the socket unanswered.
  http.on('connect', (_req, socket) => refuseSocket(socket, 405, 'Method Not Allowed', nodeHeaders));
  // A request Node cannot parse (bad request line, huge headers): answered, never thrown.
  http.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    // A response already on its way (keep-alive) must not get a status line written into it.
    const answering = (socket as { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent === true;
    if (socket.writable && !answering && error.code !== 'ECONNRESET') {
      const status =
        error.code === 'HPE_HEADER_OVERFLOW'
          ? '431 Request Header Fields Too Large'
          : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
            ? '408 Request Timeout'
            : '400 Bad Request';
      socket.end(`HTTP/1.1 ${status}\r\n${NODE_HEADER}: ${config.nodeId}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    } else socket.destroy();
  });

  web.disable('x-powered-by');
  // Behind a load balancer, the client's address (per-IP limits) comes from X-Forwarded-For.
  web.set('trust proxy', config.trustProxy);
  web.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          // 'self' covers same-origin ws:/wss: in current browsers; listed explicitly for older ones.
          connectSrc: ["'self'", 'ws:', 'wss:'],
          imgSrc: ["'self'", 'data:'],
          fontSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          // Served over plain http on a LAN too: upgrading would break it. TLS is the proxy's job.
          upgradeInsecureRequests: null,
        },
      },
      strictTransportSecurity: false,
      referrerPolicy: { policy: 'no-referrer' },
    }),
  );
  // Ready once listening, until draining: what a load balancer's health check asks.
  let readiness: 'starting' | 'ready' | 'draining' = 'starting';
  web.get('/readyz', (_req, res) => {
    if (readiness === 'ready') res.json({ ready: true });
    else res.status(503).set('Retry-After', '5').json({ ready: false, reason: readiness });
  });
  web.post(['/api/workshops', '/api/workshops/import'], (_req, res, next) => {
    if (readiness !== 'draining') return next();
    res.set('Retry-After', '5');
    sendError(res, { code: 'unavailable', message: 'This server is shutting down; try again in a few seconds.' });
  });
  web.get('/metrics', async (_req, res) => {
    res.type(metrics.contentType).send(await metrics.scrape());
  });
  web.get('/healthz', (_req, res) => {
    res.json({
      ok: true,
      uptimeSeconds: Math.round(process.uptime()),
      workshopsLoaded: registry.loadedCount,
      docsLoaded: yjs.loadedCount,
    });
  });
  const shared = config.redisUrl ? new SharedCounts(config.redisUrl, config.redisPrefix, log) : null;
  const limits = {
    create: perMinute(config.createPerMinute, 'new workshops', shared?.store('create')),
    join: perMinute(config.joinPerMinute, 'joins', shared?.store('join')),
  };
  web.use('/api', exportRouter({ registry, yjs, coach: coachFlags, coaching, now, publicUrl: config.publicUrl, limits }));
  web.use('/api', apiRouter({ registry, now, publicUrl: config.publicUrl, limits }));
  web.use(clientPages(config.clientDir));
  web.use(errorHandler(log));

  attachSocketHandlers(io, registry, { registry, now, log, logger, radar, coaching, issueTicket: (w, g, p) => yjs.issueTicket(w, g, p) });
  const sweeper = setInterval(() => void registry.sweep(now()).catch((error: unknown) => log('purging expired workshops', error)), config.sweepIntervalMs);
  sweeper.unref();

  return {
    http,
    io,
    registry,
    store,
    yjs,
    logger,
    listen: async () => {
      // The store first: a store that cannot be reached (or migrated) is an error at start, not a hang.
      await store.ready();
      return new Promise((resolve) => {
        http.listen(config.port, config.host, () => {
          const { port } = http.address() as AddressInfo;
          const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
          readiness = 'ready';
          resolve(`http://${host}:${port}`);
        });
      });
    },
    drain: () => {
      readiness = 'draining';
    },
    close: async () => {
      clearInterval(sweeper);
      publisher.close();
      yjs.close();
      radar.close();
      coaching.close();
      registry.close();
      await new Promise<void>((resolve) => io.close(() => resolve()));
      http.closeAllConnections();
      await shared?.close();
      // Coaching records not yet saved go in before the store closes.
      await coachingRecords.close();
      await store.close();
      // Everything is committed: the leases go, and other nodes may take the workshops at once.
      await ownership.close();
    },
  };
}
