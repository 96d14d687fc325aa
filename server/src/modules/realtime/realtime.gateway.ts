/**
 * The socket.io endpoint (/socket.io). The access token is checked in a handshake middleware (from `auth.token` or
 * an `Authorization: Bearer` header): without a valid one the connection is refused before any room is joined.
 * A connected socket joins the person's default rooms (own, units' or office) and receives what it missed since
 * `auth.lastEventId`. Other rooms are asked for with `subscribe`, checked with canJoinRoom; a refusal is logged and
 * answered with a `realtime.error` event and a negative acknowledgement.
 *
 * The token is checked once, at the handshake, so each socket carries a timer set to the token's expiry: then the
 * socket is sent `session.expired` and disconnected, and the client reconnects with a refreshed token (its rooms
 * are checked again and `lastEventId` replays what it missed). The timer is cleared when the socket disconnects.
 */
import { Logger } from '@nestjs/common';
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
  type RealtimeSessionExpiredPayload,
  type RealtimeSubscribeResult,
} from '@mw/shared';
import type { Server, Socket } from 'socket.io';
import { AccessTokenVerifier } from '../../common/auth/access-token-verifier';
import type { AuthUser } from '../../common/auth/auth-user';
import { defaultRoomsFor, ScopeService } from '../../common/auth/scope';
import { Clock } from '../../common/clock/clock';
import { RealtimeService } from './realtime.service';

interface SocketData {
  user?: AuthUser;
  /** Expiry of the handshake token (null when the verifier cannot tell). */
  expiresAt?: Date | null;
}

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
export class RealtimeGateway implements OnGatewayInit, OnGatewayConnection {
  private readonly logger = new Logger('realtime');

  constructor(
    private readonly verifier: AccessTokenVerifier,
    private readonly scope: ScopeService,
    private readonly realtime: RealtimeService,
    private readonly clock: Clock,
  ) {}

  afterInit(server: Server): void {
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

  private refuse(socket: RealtimeSocket, error: RealtimeErrorPayload): void {
    socket.emit(RealtimeControlEvent.Error, error);
  }

  private async replay(socket: RealtimeSocket, lastEventId: string, rooms: string[]): Promise<number> {
    const missed = await this.realtime.eventsSince(lastEventId, rooms);
    for (const envelope of missed) socket.emit(envelope.event, envelope);
    return missed.length;
  }
}
