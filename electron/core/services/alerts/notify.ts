// Alert notifications off the CPE path: an alert that opens or closes is queued, and each
// webhook (POST JSON) and the e-mail (SMTP through nodemailer) is delivered in the background,
// retried with growing delays, then shown as failing with its last error. Nothing here is
// awaited by a session: enqueue() only pushes to a list.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { createTransport } from 'nodemailer';
import type { Alert, SmtpSettings, WebhookStatus } from '../../../../shared/models-monitoring.ts';
import type { Logger } from '../../acs-types.ts';

export interface NotificationTargets {
  webhooks: string[];
  smtp: SmtpSettings | null;
}

export interface NotifierOptions {
  log: Logger;
  now: () => Date;
  targets: () => NotificationTargets;
  /** Delays before each retry (default 5 s, 30 s, 2 min); the attempts are these plus one. */
  retryDelaysMs?: number[];
  /** Per attempt (default 10 s). */
  timeoutMs?: number;
}

type DeliveryState = Omit<WebhookStatus, 'url'>;

export interface AlertMessage {
  alert: Alert;
  event: 'opened' | 'closed';
}

const fresh = (): DeliveryState => ({ state: 'unused', lastError: null, lastAttemptAt: null, delivered: 0, failed: 0 });

export class Notifier {
  private readonly webhookState = new Map<string, DeliveryState>();
  private emailState: DeliveryState = fresh();
  private readonly inFlight = new Set<Promise<void>>();
  /** Retry waits in progress: each ends early (resolved) at close. */
  private readonly waits = new Map<NodeJS.Timeout, () => void>();
  private closed = false;
  /** Cancels webhook requests in flight at close (a receiver that hangs must not hold the shutdown). */
  private readonly abort = new AbortController();

  constructor(private readonly o: NotifierOptions) {}

  /** Queues the alert for every configured target; returns at once. */
  enqueue(message: AlertMessage): void {
    if (this.closed) return;
    const targets = this.o.targets();
    const body = JSON.stringify(payload(message));
    for (const url of targets.webhooks)
      this.track(this.deliver(() => postJson(url, body, this.o.timeoutMs ?? 10_000, this.abort.signal), this.stateOf(url)));
    if (targets.smtp !== null && targets.smtp.to.length > 0) {
      const smtp = targets.smtp;
      this.track(this.deliver(() => sendMail(smtp, message, this.o.timeoutMs ?? 10_000), this.emailState));
    }
  }

  webhookStatus(url: string): WebhookStatus {
    return { url, ...(this.webhookState.get(url) ?? fresh()) };
  }

  emailStatus(): Pick<DeliveryState, 'state' | 'lastError' | 'lastAttemptAt'> {
    const { state, lastError, lastAttemptAt } = this.emailState;
    return { state, lastError, lastAttemptAt };
  }

  /** Waits for deliveries in progress (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  async close(): Promise<void> {
    this.closed = true;
    this.abort.abort();
    for (const [t, resolve] of this.waits) {
      clearTimeout(t);
      resolve();
    }
    this.waits.clear();
    await this.idle();
  }

  private stateOf(url: string): DeliveryState {
    let s = this.webhookState.get(url);
    if (s === undefined) {
      s = fresh();
      this.webhookState.set(url, s);
    }
    return s;
  }

  private track(p: Promise<void>): void {
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p));
  }

  private async deliver(attempt: () => Promise<void>, state: DeliveryState): Promise<void> {
    const delays = this.o.retryDelaysMs ?? [5_000, 30_000, 120_000];
    for (let i = 0; ; i++) {
      state.lastAttemptAt = this.o.now().toISOString();
      try {
        await attempt();
        state.state = 'ok';
        state.lastError = null;
        state.delivered++;
        return;
      } catch (err) {
        state.lastError = err instanceof Error ? err.message : String(err);
        const delay = delays[i];
        if (delay === undefined || this.closed) {
          state.state = 'failing';
          state.failed++;
          this.o.log.warn('alert notification failed', { error: state.lastError });
          return;
        }
        state.state = 'retrying';
        await this.sleep(delay);
        if (this.closed) {
          state.state = 'failing';
          state.failed++;
          return;
        }
      }
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.waits.delete(t);
        resolve();
      }, ms);
      this.waits.set(t, resolve);
    });
  }
}

function payload(m: AlertMessage): Record<string, unknown> {
  const a = m.alert;
  return {
    event: m.event,
    alertId: a.id,
    state: a.state,
    rule: { id: a.ruleId, name: a.ruleName, kind: a.kind },
    deviceId: a.deviceId,
    message: a.message,
    value: a.value,
    closeValue: a.closeValue,
    openedAt: a.openedAt,
    closedAt: a.closedAt,
  };
}

function postJson(url: string, body: string, timeoutMs: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      reject(new Error(`not a URL: ${url}`));
      return;
    }
    const send = u.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(
      u,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), 'User-Agent': 'DeskACS alerts' },
        timeout: timeoutMs,
        signal,
      },
      (res) => {
        res.resume();
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          if (status >= 200 && status < 300) resolve();
          else reject(new Error(`${url} answered HTTP ${status}`));
        });
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${url} did not answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}

async function sendMail(smtp: SmtpSettings, m: AlertMessage, timeoutMs: number): Promise<void> {
  const transport = createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    ...(smtp.user === '' ? {} : { auth: { user: smtp.user, pass: smtp.password } }),
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  });
  const a = m.alert;
  const verb = m.event === 'opened' ? 'ALERT' : 'Resolved';
  try {
    await transport.sendMail({
      from: smtp.from,
      to: smtp.to.join(', '),
      subject: `[DeskACS] ${verb}: ${a.ruleName} on ${a.deviceId}`,
      text: [
        `${a.message}`,
        '',
        `Rule: ${a.ruleName} (${a.kind})`,
        `Device: ${a.deviceId}`,
        `Opened: ${a.openedAt}${a.value === null ? '' : ` (value ${a.value})`}`,
        a.closedAt === null ? 'Still open.' : `Closed: ${a.closedAt}${a.closeValue === null ? '' : ` (value ${a.closeValue})`}`,
      ].join('\n'),
    });
  } finally {
    transport.close();
  }
}
