/**
 * The socket.io endpoint (/socket.io). The access token is checked in a handshake middleware (from `auth.token` or
 * an `Authorization: Bearer` header): without a valid one the connection is refused before any room is joined.
 * A connected socket joins the person's default rooms (own, units' or office) and receives what it missed since
 * `auth.lastEventId`. Other rooms are asked for with `subscribe`, checked with canJoinRoom; a refusal is logged and
 * answered with a `realtime.error` event and a negative acknowledgement.
 *
 * The handshake token is not trusted until it expires. Each socket carries a timer set to the token's expiry: then
 * it is sent `session.expired` and disconnected, and the client reconnects with a refreshed token (its rooms are
 * checked again and `lastEventId` replays what it missed). Before that, whenever a person's access changes (signed
 * out, password changed or reset, deactivated, a role assigned or renounced: the domain event
 * `person.access_changed`), the instance where it happened checks that person's sockets again and tells the other
 * instances to do the same through the PostgreSQL adapter (a server-side message). Checking again means verifying
 * the token anew (a token whose session was ended is refused): a refused socket is sent `session.ended` and
 * disconnected; an accepted one leaves the rooms its current roles no longer allow and joins those they now give. As
 * the events are only wake-up calls, every socket is also checked this way once a minute.
 */
import { Logger, OnApplicationShutdown } from '@nestjs/common';
import { Metrics } from '../../common/metrics/metrics';
import {
  ConnectedSocket,
  MessageBody,
  OnGatewayConnection,
  OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
} from '@nestjs/websockets';
import {
  RealtimeClientMessage,
  RealtimeControlEvent,
  RealtimeErrorCode,
  type RealtimeErrorPayload,
  type RealtimeSessionEndedPayload,
  type RealtimeSessionExpiredPayload,
  type RealtimeSubscribeResult,
} from '@mw/shared';
import type { Server, Socket } from 'socket.io';
import { AccessTokenVerifier } from '../../common/auth/access-token-verifier';
import type { AuthUser } from '../../common/auth/auth-user';
import { canJoinRoom, defaultRoomsFor, ScopeService } from '../../common/auth/scope';
import { Clock } from '../../common/clock/clock';
import { DomainEventBus } from '../../common/events/domain-events';
import { RealtimeService } from './realtime.service';

interface SocketData {
  user?: AuthUser;
  /** The handshake token, verified again whenever the person's access may have changed. */
  token?: string;
  /** Expiry of the handshake token (null when the verifier cannot tell). */
  expiresAt?: Date | null;
}

/** Server-side message between instances: check this person's sockets again. */
const ACCESS_CHANGED = 'mw:access_changed';
/** Every socket is checked again this often, in case a change was missed (an instance that died mid-broadcast). */
const RECHECK_EVERY_MS = 60_000;

/** setTimeout's longest delay; access tokens live 15 minutes, far below it. */
const MAX_TIMER_MS = 2 ** 31 - 1;

type RealtimeSocket = Socket<Record<string, never>, Record<string, (...args: unknown[]) => void>, object, SocketData>;

function tokenOf(socket: Socket): string | undefined {
  const auth = socket.handshake.auth as { token?: unknown } | undefined;
  if (typeof auth?.token === 'string' && auth.token.length > 0) return auth.token.replace(/^Bearer\s+/i, '');
  const header = socket.handshake.headers.authorization;
  return header ? /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1] : undefined;
}

@WebSocketGateway()
export class RealtimeGateway implements OnGatewayInit, OnGatewayConnection, OnApplicationShutdown {
  private readonly logger = new Logger('realtime');
  private server: Server | null = null;
  private stopListening: (() => void) | null = null;
  private recheckTimer: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly verifier: AccessTokenVerifier,
    private readonly scope: ScopeService,
    private readonly realtime: RealtimeService,
    private readonly clock: Clock,
    private readonly events: DomainEventBus,
    private readonly metrics: Metrics,
  ) {}

  afterInit(server: Server): void {
    this.metrics.gauge({
      name: 'mw_socket_clients',
      help: 'Dashboard sockets connected to this instance (sum over instances for the installation).',
      collect() {
        this.set(server.sockets.sockets.size);
      },
    });
    server.use((socket, next) => {
      const token = tokenOf(socket);
      if (!token) {
        this.logger.warn({ msg: 'socket refused: no token', address: socket.handshake.address });
        next(new Error('unauthorized'));
        return;
      }
      this.verifier.verify(token).then(
        (user) => {
          (socket as RealtimeSocket).data.user = user;
          (socket as RealtimeSocket).data.token = token;
          (socket as RealtimeSocket).data.expiresAt = this.verifier.expiresAt(token);
          next();
        },
        () => {
          this.logger.warn({ msg: 'socket refused: invalid token', address: socket.handshake.address });
          next(new Error('unauthorized'));
        },
      );
    });
    this.realtime.attach(server);
    this.server = server;
    // Raised by another instance (serverSideEmit reaches the others, never the sender).
    (server as unknown as { on(event: string, listener: (personId: unknown) => void): void }).on(
      ACCESS_CHANGED,
      (personId) => {
        if (typeof personId === 'string') void this.recheck(personId);
      },
    );
    this.stopListening = this.events.on('person.access_changed', async ({ personId }) => {
      try {
        server.serverSideEmit(ACCESS_CHANGED, personId);
      } catch (error) {
        this.logger.warn({ msg: 'access change not relayed to the other instances', error: String(error) });
      }
      await this.recheck(personId);
    });
    this.recheckTimer = setInterval(() => void this.recheck(null), RECHECK_EVERY_MS);
    this.recheckTimer.unref();
  }

  onApplicationShutdown(): void {
    this.stopListening?.();
    if (this.recheckTimer) clearInterval(this.recheckTimer);
  }

  /** Checks again the sockets of one person (or all) connected to this instance. */
  async recheck(personId: string | null): Promise<void> {
    if (!this.server) return;
    const local = [...this.server.of('/').sockets.values()] as RealtimeSocket[];
    const sockets = local.filter((s) => s.connected && (personId === null || s.data.user?.id === personId));
    await Promise.all(sockets.map((s) => this.reauthorize(s)));
  }

  async handleConnection(socket: RealtimeSocket): Promise<void> {
    const user = socket.data.user;
    if (!user) {
      socket.disconnect(true);
      return;
    }
    this.expireWithToken(socket);
    const rooms = defaultRoomsFor(user);
    await socket.join(rooms);
    const lastEventId = (socket.handshake.auth as { lastEventId?: unknown } | undefined)?.lastEventId;
    if (typeof lastEventId === 'string' || typeof lastEventId === 'number') {
      await this.replay(socket, String(lastEventId), rooms);
    }
  }

  @SubscribeMessage(RealtimeClientMessage.Subscribe)
  async subscribe(
    @ConnectedSocket() socket: RealtimeSocket,
    @MessageBody() body: unknown,
  ): Promise<RealtimeSubscribeResult> {
    const user = socket.data.user;
    const room = (body as { room?: unknown } | null)?.room;
    const lastEventId = (body as { lastEventId?: unknown } | null)?.lastEventId;
    if (!user || typeof room !== 'string') {
      this.refuse(socket, { code: RealtimeErrorCode.BadRequest, message: 'subscribe needs { room }' });
      return { ok: false, code: RealtimeErrorCode.BadRequest };
    }
    if (!this.scope.canJoinRoom(user, room)) {
      this.refuse(socket, { code: RealtimeErrorCode.RoomRefused, message: 'This room is outside your scope', room });
      return { ok: false, code: RealtimeErrorCode.RoomRefused };
    }
    await socket.join(room);
    const replayed = typeof lastEventId === 'string' ? await this.replay(socket, lastEventId, [room]) : 0;
    return { ok: true, room, replayed };
  }

  @SubscribeMessage(RealtimeClientMessage.Unsubscribe)
  async unsubscribe(@ConnectedSocket() socket: RealtimeSocket, @MessageBody() body: unknown): Promise<{ ok: boolean }> {
    const room = (body as { room?: unknown } | null)?.room;
    if (typeof room !== 'string') return { ok: false };
    await socket.leave(room);
    return { ok: true };
  }

  /** Disconnects the socket when its handshake token expires, telling the client first. */
  private expireWithToken(socket: RealtimeSocket): void {
    const expiresAt = socket.data.expiresAt;
    if (!expiresAt) return;
    const delay = Math.min(Math.max(expiresAt.getTime() - this.clock.now().getTime(), 0), MAX_TIMER_MS);
    const timer = setTimeout(() => {
      if (!socket.connected) return;
      const payload: RealtimeSessionExpiredPayload = { expiredAt: expiresAt.toISOString() };
      socket.emit(RealtimeControlEvent.SessionExpired, payload);
      socket.disconnect(true);
      this.logger.log({ msg: 'socket disconnected: token expired', personId: socket.data.user?.id });
    }, delay);
    timer.unref();
    socket.once('disconnect', () => clearTimeout(timer));
  }

  /** Verifies the socket's token again: ends it if refused, otherwise brings its rooms in line with the roles now. */
  private async reauthorize(socket: RealtimeSocket): Promise<void> {
    const token = socket.data.token;
    if (!token) return;
    let user: AuthUser;
    try {
      user = await this.verifier.verify(token);
    } catch {
      if (!socket.connected) return;
      const now = this.clock.now();
      const expiresAt = socket.data.expiresAt;
      if (expiresAt && expiresAt <= now) {
        const expired: RealtimeSessionExpiredPayload = { expiredAt: expiresAt.toISOString() };
        socket.emit(RealtimeControlEvent.SessionExpired, expired);
      } else {
        const ended: RealtimeSessionEndedPayload = { endedAt: now.toISOString() };
        socket.emit(RealtimeControlEvent.SessionEnded, ended);
      }
      socket.disconnect(true);
      this.logger.log({ msg: 'socket disconnected: session ended', personId: socket.data.user?.id });
      return;
    }
    if (!socket.connected) return;
    socket.data.user = user;
    const left = [...socket.rooms].filter((room) => room !== socket.id && !canJoinRoom(user, room));
    for (const room of left) await socket.leave(room);
    const joined = defaultRoomsFor(user).filter((room) => !socket.rooms.has(room));
    if (joined.length > 0) await socket.join(joined);
    if (left.length > 0 || joined.length > 0) {
      this.logger.log({ msg: 'socket rooms re-evaluated', personId: user.id, left, joined });
    }
  }

  private refuse(socket: RealtimeSocket, error: RealtimeErrorPayload): void {
    socket.emit(RealtimeControlEvent.Error, error);
  }

  private async replay(socket: RealtimeSocket, lastEventId: string, rooms: string[]): Promise<number> {
    const missed = await this.realtime.eventsSince(lastEventId, rooms);
    for (const envelope of missed) socket.emit(envelope.event, envelope);
    return missed.length;
  }
}
