import type { IncomingMessage, ServerResponse } from 'http';
import type { Logger, LogFields } from '../machinery/logger';
import type { RuntimeMetrics } from '../machinery/metrics';
import { codeMatches } from './code-check';
import type { FailedAttemptLimiter } from './failed-attempt-limiter';
import type { GrantApi } from './grant-api';
import type { GrantEvents } from './grant-events';
import {
  BODY_NOT_VALID, CORRUPTED_CLAIM, errorAnswer, HttpAnswer, INTERNAL_ERROR, linkBundleAnswer, NO_SUCH_ACCESS_GRANTED, NO_SUCH_CLAIM,
  NOT_FOUND_ANSWER, ONLY_POST,
} from './http-answer';
import { describeError } from '../../kube-client/api-errors';
import { GenerationError } from './link-bundle-generator';
import { RedemptionCommitter } from './redemption-committer';
import { decideRedemption, Requester } from './redemption-decision';
import { grantKeyFromUrl, requesterFromHeaders } from './redemption-request';
import { readBoundedBody, RequestBodyError } from './request-body';
import { codeKeyOf, LinkGrant, LinkGrantStatus, redemptionsAllowedOf } from '../../api/link-grant';
import { Secret, secretValue } from '../machinery/secret';

/** What the redemption endpoint works with. */
export interface RedemptionHandlerDeps {
  readonly namespace: string;
  readonly maxBodyBytes: number;
  readonly limiter: FailedAttemptLimiter;
  readonly api: GrantApi;
  readonly cachedGrant: (name: string) => LinkGrant | undefined;
  readonly cachedSecret: (name: string) => Secret | undefined;
  readonly generate: (grant: LinkGrant, requester: Requester) => Promise<string>;
  readonly metrics: RuntimeMetrics;
  readonly log: Logger;
  readonly events: GrantEvents;
  /** The whole status a grant with this count should have (grant-status.ts), written with the count. */
  readonly settleStatus?: (grant: LinkGrant) => LinkGrantStatus;
}

interface Outcome {
  /** The metrics label and log field. */
  readonly outcome: string;
  /** Undefined when the client has gone and there is no one to answer. */
  readonly answer?: HttpAnswer;
  /** Extra log fields: never a code, key or certificate. */
  readonly fields?: LogFields;
}

/** Sent with answers given before the body was read: the connection cannot be reused. */
const CLOSE = { Connection: 'close' };

/**
 * POST /<namespace>/<grant>: Skupper's redemption protocol, with the order of checks chosen so
 * that nothing about a grant is revealed without its code (see http-answer.ts), failures are
 * rate limited per client address, and redemptions are counted exactly (redemption-counter.ts).
 */
export class RedemptionHandler {
  private inFlightCount = 0;
  private readonly committer: RedemptionCommitter;

  public constructor(private readonly deps: RedemptionHandlerDeps) {
    this.committer = new RedemptionCommitter({ api: deps.api, cachedGrant: deps.cachedGrant, settleStatus: deps.settleStatus });
  }

  /** Requests being answered right now. */
  public get inFlight(): number {
    return this.inFlightCount;
  }

  public async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.inFlightCount++;
    try {
      await this.handleOne(req, res);
    } finally {
      this.inFlightCount--;
    }
  }

  private async handleOne(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = process.hrtime.bigint();
    const client = req.socket.remoteAddress ?? 'unknown';
    let result: Outcome;
    try {
      result = await this.decide(req, client);
    } catch (error) {
      this.deps.log.error('redemption failed', { error: describeError(error) });
      result = { outcome: 'error', answer: errorAnswer(503, INTERNAL_ERROR) };
    }
    if (result.answer) send(res, result.answer);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    this.deps.metrics.redemptions.inc({ outcome: result.outcome });
    this.deps.metrics.redemptionDuration.observe({ outcome: result.outcome }, seconds);
    const path = (req.url ?? '').slice(0, 256);
    this.deps.log.info('redemption request', {
      outcome: result.outcome, status: result.answer?.status, method: (req.method ?? '').slice(0, 16), path, client,
      durationMs: Math.round(seconds * 1000), ...result.fields,
    });
  }

  private async decide(req: IncomingMessage, client: string): Promise<Outcome> {
    const { limiter } = this.deps;
    if (req.method !== 'POST') {
      return { outcome: 'method_not_allowed', answer: errorAnswer(405, ONLY_POST, CLOSE) };
    }
    const waitMs = limiter.retryAfterMs(client);
    if (waitMs > 0) {
      return { outcome: 'rate_limited', answer: errorAnswer(429, 'Too many failed attempts', { ...CLOSE, 'Retry-After': String(Math.ceil(waitMs / 1000)) }) };
    }
    let code: Buffer;
    try {
      code = await readBoundedBody(req, this.deps.maxBodyBytes);
    } catch (error) {
      limiter.recordFailure(client);
      if (error instanceof RequestBodyError && error.reason === 'too-large') {
        return { outcome: 'too_large', answer: errorAnswer(413, 'Request body too large', CLOSE) };
      }
      return { outcome: 'bad_request', answer: errorAnswer(400, BODY_NOT_VALID, CLOSE) };
    }

    // From here on, unknown grant and wrong code take the same path and the same time.
    const key = grantKeyFromUrl(req.url);
    const grant = key && key.namespace === this.deps.namespace ? this.deps.cachedGrant(key.name) : undefined;
    const expected = grant ? secretValue(this.deps.cachedSecret(grant.spec.codeSecretRef.name), codeKeyOf(grant)) : undefined;
    const rightCode = codeMatches(code, expected);
    if (!rightCode || !grant || !key) {
      limiter.recordFailure(client);
      return { outcome: grant ? 'refused' : 'not_found', answer: NOT_FOUND_ANSWER };
    }

    const grantName = key.name;
    const requester = requesterFromHeaders(req.headers, grantName);
    if ('invalid' in requester) {
      return { outcome: 'invalid_request', answer: errorAnswer(400, requester.invalid), fields: { grant: grantName } };
    }
    const who = { grant: grantName, name: requester.name, subject: requester.subject };
    // The answer is made while waiting for the count, from the cached grant: redemptions of one
    // grant then wait on each other only for the count, and the ones waiting together are counted
    // by one status write. It is used only if the count says so; a failure is reported only then.
    // When the cached grant already refuses (expired, exhausted), nothing is made up front: a
    // redeemer retrying a used-up grant costs no key and no signature.
    const start = () => this.deps.generate(grant, requester).then((bundle) => ({ bundle }), (error: unknown) => ({ error }));
    const likely = decideRedemption(grant, requester, new Date()).kind;
    let early = likely === 'issue' || likely === 'reissue' ? start() : undefined;
    try {
      const counted = await this.committer.count(grantName, {
        requester,
        generate: async () => {
          const made = await (early ??= start());
          if ('error' in made) throw made.error;
          return made.bundle;
        },
        stillWanted: () => !req.socket.destroyed,
      });
      switch (counted.kind) {
        case 'issued':
        case 'reissued': {
          const made = counted.redemptions;
          const allowed = redemptionsAllowedOf(counted.grant);
          this.deps.events.record(counted.grant, 'Normal', counted.kind === 'issued' ? 'Redeemed' : 'Reissued',
            counted.kind === 'issued'
              ? `Redeemed for link "${requester.name}" (subject "${requester.subject}"): ${made} of ${allowed} redemptions made`
              : `Certificate re-issued for link "${requester.name}" (subject "${requester.subject}"), not counted: ${made} of ${allowed} redemptions made`);
          return { outcome: counted.kind, answer: linkBundleAnswer(counted.bundle), fields: { ...who, redemptions: made, redemptionsAllowed: allowed } };
        }
        case 'expired':
        case 'gone':
          return { outcome: counted.kind === 'gone' ? 'not_found' : 'expired', answer: errorAnswer(404, NO_SUCH_CLAIM), fields: who };
        case 'exhausted':
          return { outcome: 'exhausted', answer: errorAnswer(404, NO_SUCH_ACCESS_GRANTED), fields: who };
        case 'corrupted':
          return { outcome: 'corrupted', answer: errorAnswer(500, CORRUPTED_CLAIM), fields: { ...who, error: counted.reason } };
        case 'abandoned':
          return { outcome: 'abandoned', fields: who };
      }
    } catch (error) {
      if (error instanceof GenerationError) {
        return { outcome: 'error', answer: errorAnswer(500, error.message), fields: { ...who, error: error.message } };
      }
      this.deps.log.warn('redemption not answered: the grant could not be read or counted', { ...who, error: describeError(error) });
      return { outcome: 'error', answer: errorAnswer(503, INTERNAL_ERROR), fields: who };
    }
  }
}

function send(res: ServerResponse, answer: HttpAnswer): void {
  if (res.headersSent || res.destroyed) return;
  res.writeHead(answer.status, { ...answer.headers, 'Content-Length': String(answer.body.length) });
  res.end(answer.body);
}
