import { Controller, Get, Header, HttpCode, Param, ParseUUIDPipe, Post, Req, Res } from '@nestjs/common';
import type { AcknowledgeFromMessageResult, InAppNotificationList, UnreadCount } from '@mw/shared';
import type { Request, Response } from 'express';
import { Authenticated } from '../../common/auth/access.decorators';
import { CurrentUser, type AuthUser } from '../../common/auth/auth-user';
import { Public } from '../../common/auth/public.decorator';
import { PeopleService } from '../organisation';
import { NotificationAckService } from './notification-ack.service';
import { NotificationsQuery } from './notifications-query.service';

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

function page(title: string, body: string): string {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${escapeHtml(title)}</title></head><body style="font-family:sans-serif;max-width:32rem;margin:3rem auto">
<h1 style="font-size:1.3rem">${escapeHtml(title)}</h1>${body}</body></html>`;
}

/**
 * A person's in-app notifications, and the public acknowledge links sent by e-mail and Zalo. Opening a link (GET)
 * only shows a confirmation button: mail scanners that prefetch links must not acknowledge on someone's behalf;
 * the button POSTs to the same URL.
 */
@Controller('notifications')
export class NotificationsController {
  constructor(
    private readonly query: NotificationsQuery,
    private readonly ack: NotificationAckService,
    private readonly people: PeopleService,
  ) {}

  @Get()
  @Authenticated()
  async mine(@CurrentUser() user: AuthUser): Promise<InAppNotificationList> {
    const prefs = await this.people.preferencesFor(user.id);
    return this.query.inbox(user, prefs?.language ?? 'vi');
  }

  /** The bell's count, cheap enough to ask on every page. */
  @Get('unread')
  @Authenticated()
  async unread(@CurrentUser() user: AuthUser): Promise<UnreadCount> {
    return { unread: await this.query.unreadCount(user.id) };
  }

  /** Marks all of the person's in-app notifications read. */
  @Post('read')
  @Authenticated()
  @HttpCode(200)
  async readAll(@CurrentUser() user: AuthUser): Promise<UnreadCount> {
    await this.query.markAllRead(user.id);
    return { unread: await this.query.unreadCount(user.id) };
  }

  @Post(':id/read')
  @Authenticated()
  @HttpCode(204)
  async read(@CurrentUser() user: AuthUser, @Param('id', new ParseUUIDPipe()) id: string): Promise<void> {
    await this.query.markRead(user.id, id);
  }

  @Post(':id/acknowledge')
  @Authenticated()
  @HttpCode(200)
  acknowledge(
    @CurrentUser() user: AuthUser,
    @Param('id', new ParseUUIDPipe()) id: string,
  ): Promise<AcknowledgeFromMessageResult> {
    return this.ack.acknowledgeInApp(user.id, id);
  }

  @Get('ack/:token')
  @Public()
  @Header('content-type', 'text/html; charset=utf-8')
  @Header('cache-control', 'no-store')
  async confirmPage(@Param('token') token: string): Promise<string> {
    await this.ack.preview(token);
    return page(
      'Xác nhận đã nhận thông tin sự cố',
      `<p>Bấm nút dưới đây để xác nhận anh/chị đã nhận thông tin và sẽ xử lý sự cố.</p>
<form method="post"><button type="submit" style="font-size:1.1rem;padding:.6rem 1.2rem">Xác nhận</button></form>`,
    );
  }

  @Post('ack/:token')
  @Public()
  @HttpCode(200)
  async acknowledgeByLink(
    @Param('token') token: string,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<AcknowledgeFromMessageResult | string> {
    const result = await this.ack.acknowledgeByToken(token);
    res.setHeader('cache-control', 'no-store');
    if (!(req.headers.accept ?? '').includes('text/html')) return result;
    res.setHeader('content-type', 'text/html; charset=utf-8');
    return page('Đã xác nhận', '<p>Cảm ơn anh/chị. Việc xác nhận đã được ghi lại trên phiếu sự cố.</p>');
  }
}
