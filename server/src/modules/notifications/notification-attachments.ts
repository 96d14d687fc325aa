import { Injectable } from '@nestjs/common';
import type { Language } from '@mw/shared';

/** A file sent with an e-mail. */
export interface MessageAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

/** Builds the files of one message from its template parameters, in the recipient's language. */
export type AttachmentProvider = (message: {
  params: Record<string, string>;
  language: Language;
}) => Promise<MessageAttachment[]>;

/**
 * Files that go with a template's e-mails, registered by the module that owns them (the reports module attaches the
 * week's PDF to `weekly_report`), so notifications depends on no module that enqueues. A provider that throws makes
 * the delivery fail and be retried like any other failure.
 */
@Injectable()
export class NotificationAttachments {
  private readonly providers = new Map<string, AttachmentProvider>();

  register(template: string, provider: AttachmentProvider): void {
    this.providers.set(template, provider);
  }

  async for(template: string, params: Record<string, string>, language: Language): Promise<MessageAttachment[]> {
    const provider = this.providers.get(template);
    return provider ? provider({ params, language }) : [];
  }
}
