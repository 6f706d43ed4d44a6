/**
 * The notifier's side of the calendar banner: while the banner has a warning (provisional open deadlines,
 * or from 1 November a next year without data), it is sent once per Shanghai day of the ENGINE clock. It
 * checks after commits rather than on a timer, so a controlled clock drives it in tests and a quiet night
 * sends nothing until the first activity of the day.
 */
import { formatInstant } from '../../workers/calendar';

/** What the daily warning needs. */
export interface CalendarDailyWarningOptions {
  /** Engine-clock epoch milliseconds. */
  now: () => number;
  /** The banner text now, or null. */
  warning: () => string | null | Promise<string | null>;
  /** Sends the text (the notifier); a failure is retried on the next check. */
  send: (text: string) => void | Promise<void>;
}

/** Between two looks at the banner (engine time): computing it walks every open case, so not on every commit. */
export const CHECK_INTERVAL_MS = 10 * 60_000;

/** Sends the banner's warning at most once a day. */
export class CalendarDailyWarning {
  private lastSentDay: string | null = null;
  private lastCheckedAt = -Infinity;
  private sending = false;

  constructor(private readonly options: CalendarDailyWarningOptions) {}

  /** Sends today's warning if there is one and it was not sent today; answers what was sent. */
  async check(): Promise<string | null> {
    const now = this.options.now();
    const day = formatInstant(new Date(now)).slice(0, 10);
    if (day === this.lastSentDay || this.sending || Math.abs(now - this.lastCheckedAt) < CHECK_INTERVAL_MS) return null;
    this.lastCheckedAt = now;
    this.sending = true;
    try {
      const text = await this.options.warning();
      if (!text) return null;
      await this.options.send(text);
      this.lastSentDay = day;
      return text;
    } catch (error) {
      this.lastCheckedAt = -Infinity;
      throw error;
    } finally {
      this.sending = false;
    }
  }
}
