/**
 * Calling a person's attention to a new serious alert outside the page: a short two-note chime (Web Audio, no sound
 * file to load) and a system notification (through the service worker where there is one, as Android requires).
 * Permission for notifications is asked once, when the person chooses to turn them on.
 */
import { RealtimeEvent } from '@mw/shared';

const ASKED_KEY = 'mw.notificationsAsked';

/** Alerts about S1 and S2 incidents call for attention; the others wait in the inbox. */
export function isSerious(severity: unknown): boolean {
  return severity === 'S1' || severity === 'S2';
}

/** What a toast shows of a `notification.created` event. */
export interface AlertToast {
  notificationId: string;
  incidentId: string | null;
  title: string;
  severity: string | null;
}

/** Toasts worth showing here: an alert about the ticket on screen says nothing new, and would cover its actions. */
export function toastsFor(pathname: string, toasts: readonly AlertToast[]): AlertToast[] {
  return toasts.filter((toast) => !toast.incidentId || pathname !== `/incidents/${toast.incidentId}`);
}

/**
 * Which notifications this tab has already called attention to. The socket drops an envelope it has seen, but the
 * same notification can come again in another envelope: replayed after a reconnect from a stored id older than the
 * live copy, or published again when its in-app delivery was retried. Each is toasted and chimed once per tab.
 */
export class AlertMemory {
  private readonly ids = new Set<string>();
  constructor(private readonly limit = 500) {}

  /** True the first time a notification id is seen (then remembered); false after. */
  firstTime(id: string): boolean {
    if (this.ids.has(id)) return false;
    this.ids.add(id);
    if (this.ids.size > this.limit) this.ids.delete(this.ids.values().next().value as string);
    return true;
  }
}

/** The toast a realtime event calls for: a serious notification not alerted before in this tab; else null. */
export function alertFor(event: string, data: Record<string, unknown>, memory: AlertMemory): AlertToast | null {
  if (event !== RealtimeEvent.NotificationCreated || !isSerious(data.severity)) return null;
  const notificationId = typeof data.notificationId === 'string' ? data.notificationId : '';
  if (!notificationId || !memory.firstTime(notificationId)) return null;
  return {
    notificationId,
    incidentId: typeof data.incidentId === 'string' ? data.incidentId : null,
    title: String(data.title ?? ''),
    severity: typeof data.severity === 'string' ? data.severity : null,
  };
}

let audio: AudioContext | null = null;

/** About 0.35 s: two short notes, quiet enough for an office. Silently nothing where audio is not allowed yet. */
export function playChime(): void {
  try {
    const Context = window.AudioContext;
    if (!Context) return;
    audio ??= new Context();
    void audio.resume().catch(() => undefined);
    const start = audio.currentTime;
    for (const [i, frequency] of [880, 660].entries()) {
      const oscillator = audio.createOscillator();
      const gain = audio.createGain();
      oscillator.type = 'sine';
      oscillator.frequency.value = frequency;
      const at = start + i * 0.16;
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.exponentialRampToValueAtTime(0.2, at + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.15);
      oscillator.connect(gain).connect(audio.destination);
      oscillator.start(at);
      oscillator.stop(at + 0.16);
    }
  } catch {
    // No audio device, or the browser refused: the toast and the count still tell.
  }
}

export type NotificationChoice = 'unsupported' | 'default' | 'granted' | 'denied';

export function notificationChoice(): NotificationChoice {
  if (typeof window === 'undefined' || !('Notification' in window)) return 'unsupported';
  return Notification.permission;
}

/** Whether to offer turning notifications on: never asked here, and the browser would still ask. */
export function mayOfferNotifications(): boolean {
  return notificationChoice() === 'default' && localStorage.getItem(ASKED_KEY) === null;
}

/** Asks the browser once (from a tap, as browsers require); remembers that it asked, whatever the answer. */
export async function askForNotifications(): Promise<NotificationChoice> {
  localStorage.setItem(ASKED_KEY, new Date().toISOString());
  if (notificationChoice() === 'unsupported') return 'unsupported';
  return Notification.requestPermission();
}

/** Shows a system notification when allowed; a tap on it opens `url` in the dashboard. */
export async function showSystemNotification(title: string, body: string, tag: string, url: string): Promise<void> {
  if (notificationChoice() !== 'granted') return;
  const options: NotificationOptions = {
    body,
    tag,
    icon: '/icons/icon-192.png',
    badge: '/icons/icon-192.png',
    data: { url },
  };
  try {
    const registration = await navigator.serviceWorker?.getRegistration();
    if (registration) {
      await registration.showNotification(title, options);
      return;
    }
    const notification = new Notification(title, options);
    notification.onclick = () => {
      window.focus();
      window.location.assign(url);
    };
  } catch {
    // Some browsers refuse notifications outside a service worker; the toast is still there.
  }
}
