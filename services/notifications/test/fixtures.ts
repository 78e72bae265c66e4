import { randomUUID } from 'node:crypto';
import { createServer as createHttpServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import pino from 'pino';
import type { DataSource } from 'typeorm';
import type { DomainEvent } from '@pcc/events';
import type { DispatcherSettings } from '../src/delivery/dispatcher';
import type { Mailer } from '../src/delivery/mailer';

/** A webhook receiver on a real port: answers each path with the status the test sets, and keeps what came. */
export class WebhookReceiver {
  readonly requests: Array<{ path: string; headers: IncomingHttpHeaders; body: string; at: number }> = [];
  private readonly statuses = new Map<string, number>();
  private readonly server: Server = createHttpServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const path = request.url ?? '/';
      this.requests.push({
        path,
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at: Date.now(),
      });
      response.writeHead(this.statuses.get(path) ?? 200).end();
    });
  });

  static async start(): Promise<WebhookReceiver> {
    const receiver = new WebhookReceiver();
    await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  url(path: string): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}${path}`;
  }

  answer(path: string, status: number): void {
    this.statuses.set(path, status);
  }

  to(path: string) {
    return this.requests.filter((r) => r.path === path);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

export interface ReceivedMail {
  to: string;
  subject: string;
  text: string;
}

/** A real SMTP server process (the `smtp-server` package) on a free port, keeping every message, parsed. */
export class MailCatcher {
  readonly mails: ReceivedMail[] = [];
  /** Recipients the server refuses, as a real one refuses an unknown mailbox (550, quoting the address). */
  readonly refused = new Set<string>();
  private readonly server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo: (address, _session, callback) => {
      if (!this.refused.has(address.address)) return callback();
      const error = Object.assign(new Error(`<${address.address}>: Recipient address rejected`), { responseCode: 550 });
      callback(error);
    },
    onData: (stream, session, callback) => {
      simpleParser(stream).then(
        (parsed) => {
          for (const rcpt of session.envelope.rcptTo)
            this.mails.push({ to: rcpt.address, subject: parsed.subject ?? '', text: parsed.text ?? '' });
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });

  static async start(): Promise<MailCatcher> {
    const catcher = new MailCatcher();
    await new Promise<void>((resolve) => catcher.server.listen(0, '127.0.0.1', resolve));
    return catcher;
  }

  get url(): string {
    return `smtp://127.0.0.1:${(this.server.server.address() as AddressInfo).port}`;
  }

  to(address: string): ReceivedMail[] {
    return this.mails.filter((m) => m.to === address);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

const ACTOR = { sub: 'coordinator', role: 'NETWORK_ADMIN', org: null };

/** A case event as the cases service publishes it: the public snapshot, no personal data. */
export function caseEvent(
  type: 'triaged' | 'assigned' | 'resolved' | 'sla-breached',
  kase: { id: string; trackingCode: string; leadOrganizationId: string },
): DomainEvent {
  const extra =
    type === 'triaged'
      ? { leadOrganizationId: kase.leadOrganizationId }
      : type === 'resolved'
        ? { outcome: null }
        : type === 'sla-breached'
          ? { dueAt: '2026-11-01T00:00:00.000Z' }
          : {};
  return {
    id: randomUUID(),
    type: `pcc.case.${type}`,
    source: '/services/cases',
    subject: kase.id,
    time: new Date().toISOString(),
    data: {
      case: {
        id: kase.id,
        trackingCode: kase.trackingCode,
        kind: 'GRIEVANCE',
        category: 'WASTE',
        channel: 'WEB',
        status: type === 'resolved' ? 'RESOLVED' : type === 'triaged' ? 'TRIAGED' : 'ASSIGNED',
        priority: 'HIGH',
        district: 'KATHU',
        leadOrganizationId: kase.leadOrganizationId,
        supportingOrganizationIds: [],
        openedAt: '2026-10-30T01:00:00.000Z',
        dueAt: '2026-11-01T00:00:00.000Z',
      },
      actor: ACTOR,
      ...extra,
    },
  };
}

/** A waste target at risk, as waste-metrics publishes it. */
export function wasteAtRisk(organizationId: string): DomainEvent {
  return {
    id: randomUUID(),
    type: 'pcc.waste.target-at-risk',
    source: '/services/waste-metrics',
    subject: organizationId,
    time: new Date().toISOString(),
    data: {
      organizationId,
      actor: ACTOR,
      fiscalYear: 2569,
      projectedReductionPercent: '2.50',
      targetPercent: '5.00',
    },
  };
}

/** A project fallen behind, as planning publishes it. */
export function projectDelayed(ownerOrganizationId: string, code: string): DomainEvent {
  const id = randomUUID();
  return {
    id: randomUUID(),
    type: 'pcc.project.delayed',
    source: '/services/planning',
    subject: id,
    time: new Date().toISOString(),
    data: {
      project: {
        id,
        code,
        title: 'ปรับปรุงถนนสาย ก',
        ownerOrganizationId,
        partnerOrganizationIds: [],
        fiscalYear: 2569,
        planId: randomUUID(),
        strategyId: randomUUID(),
        fundingSource: 'ANNUAL_BUDGET',
        status: 'IN_PROGRESS',
        budget: '1000000.00',
        approvedBudget: '1000000.00',
        disbursed: '200000.00',
        progressPercent: 20,
        plannedStart: '2026-01-01',
        plannedEnd: '2026-12-31',
        coordinationStatus: 'NOT_SUBMITTED',
        delayed: true,
      },
      actor: ACTOR,
      reason: 'BEHIND_SCHEDULE',
      elapsedPercent: 60,
      pointsBehind: 40,
      asOf: '2026-08-01',
    },
  };
}

/** A fresh tracking code (the cases service's form: PCC-YYYY-NNNNNN). */
export const trackingCode = () => `PCC-2026-${String(Math.floor(Math.random() * 1_000_000)).padStart(6, '0')}`;

/**
 * A dispatcher's settings for tests: quick polls and short waits, webhooks to this machine allowed (the
 * receivers listen on 127.0.0.1; the guard refusing them is tested with `webhookTargets` overridden).
 */
export const testDispatcherSettings = (
  dataSource: DataSource,
  mailer: Mailer,
  overrides: Partial<DispatcherSettings> = {},
): DispatcherSettings => ({
  dataSource,
  mailer,
  log: pino({ level: 'silent' }),
  maxAttempts: 3,
  retryBaseMs: 150,
  retryMaxMs: 10_000,
  pollIntervalMs: 25,
  leaseMs: 30_000,
  webhookTimeoutMs: 5_000,
  webhookTargets: { allowPrivate: true, httpsOnly: false },
  batchSize: 50,
  ...overrides,
});
