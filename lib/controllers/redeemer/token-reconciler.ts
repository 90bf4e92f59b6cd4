import type { Logger } from '../machinery/logger';
import type { RuntimeMetrics } from '../machinery/metrics';
import type { ReconcileResult } from '../machinery/work-queue';
import { isTransientFailure, RedemptionAnswer, RedemptionRequest } from './grant-server-client';
import { describeError } from '../../kube-client/api-errors';
import { checkReceivedBundle } from './received-bundle';
import { createdForToken, linksRecordedOn, objectsToCreate, ObjectsToCreate } from './received-objects';
import { LinkToucher } from './link-toucher';
import { RecentRedemptions } from './recent-redemptions';
import { codeKeyOf } from '../../api/link-grant';
import { LinkToken, LinkTokenStatus } from '../../api/link-token';
import { Secret, secretValue } from '../machinery/secret';
import { SkupperLink, SkupperSite } from '../../api/skupper';
import { PERSISTENT_RETRY, RetrySchedule, TRANSIENT_RETRY } from './retry-schedule';
import { desiredTokenStatus, sameStatus, TokenOutcome } from './token-status';

/** What the reconciler needs from the cluster: informer caches for triggers, fresh reads for decisions. */
export interface RedeemerCluster {
  cachedToken(name: string): LinkToken | undefined;
  cachedSites(): readonly SkupperSite[];
  /** GET by name (the redeemer may read only its tokens' Secrets); undefined when absent. */
  readSecret(name: string): Promise<Secret | undefined>;
  readLink(name: string): Promise<SkupperLink | undefined>;
  /** The informer's copy of a Link (may lag our own writes). */
  cachedLink(name: string): SkupperLink | undefined;
  /** The created object, or undefined when one of that name already exists. */
  createSecret(secret: Secret): Promise<Secret | undefined>;
  createLink(link: SkupperLink): Promise<SkupperLink | undefined>;
  /** Sets one annotation on a Link (a no-op when the Link is gone). */
  annotateLink(name: string, key: string, value: string): Promise<void>;
  /** Replaces the status if the token is still at the version read ('conflict' otherwise). */
  writeTokenStatus(token: LinkToken, status: LinkTokenStatus): Promise<'written' | 'conflict' | 'gone'>;
  recordEvent(token: LinkToken, type: 'Normal' | 'Warning', reason: string, message: string): Promise<void>;
}

export interface TokenReconcilerOptions {
  readonly namespace: string;
  readonly cluster: RedeemerCluster;
  readonly redeem: (request: RedemptionRequest) => Promise<RedemptionAnswer>;
  readonly metrics: RuntimeMetrics;
  readonly log: Logger;
  readonly now?: () => Date;
  /** Reconciles a token now, or after `afterMs`: when one of its Links is due a touch (link-toucher.ts). */
  readonly reconcileSoon?: (tokenName: string, afterMs?: number) => void;
}

/**
 * A token this process has just redeemed gets its first status when Skupper reports on its Links,
 * or this long after it created them, whichever comes first: Skupper usually reports within a
 * second, and under a burst of tokens the intermediate "Link not configured yet" was one more write
 * per token for the API server (and one more watch event and reconcile here).
 */
export const FIRST_STATUS_WAIT_MS = 2_000;

/** Secrets are not watched (the Role only allows reading them by name): a foreign one is looked at again after this. */
const FOREIGN_OBJECT_RECHECK_MS = 60_000;

type Existing =
  | { readonly kind: 'complete'; readonly secretName: string; readonly links: readonly SkupperLink[] }
  | { readonly kind: 'incomplete'; readonly secret?: Secret }
  | { readonly kind: 'foreign'; readonly message: string };

/** What a reconcile ends with: the token's outcome, and when to look again. */
interface Verdict {
  readonly outcome: TokenOutcome;
  readonly result: ReconcileResult;
}

const waiting = (message: string, result: ReconcileResult): Verdict => ({ outcome: { kind: 'waiting', message }, result });
const failed = (message: string, result: ReconcileResult): Verdict => ({ outcome: { kind: 'failed', message }, result });

/**
 * Reconciles one LinkToken, level-triggered:
 *
 * 1. The Secret named like the token and every Link recorded on it exist and were created for
 *    this token: it is redeemed. Never POST again; follow the Links' status onto the token.
 * 2. Otherwise redeem: wait for the Site, read the code, POST, check the whole answer, then
 *    create the Secret and the Links (owned by the Site).
 *
 * A crash between creating the Secret and the Link(s) leaves only the Secret. The Links' content
 * (endpoints) came only in the answer, so finishing needs the answer again: the redeemer POSTs
 * again with the same name and subject. Our grant server re-issues to the same name and subject
 * without counting a redemption, so this costs nothing; a stock Skupper grant server counts it,
 * but that beats a token stuck half-redeemed. The existing Secret is kept (it was issued for the
 * same subject by the same grant) and only the missing Links are created. What a POST is decided
 * on is read fresh from the API server, never from the informer cache, which lags our own writes.
 */
export class TokenReconciler {
  private readonly retries = new RetrySchedule();
  private readonly toucher: LinkToucher;
  private readonly recent = new RecentRedemptions();
  private readonly now: () => Date;

  public constructor(private readonly options: TokenReconcilerOptions) {
    this.now = options.now ?? (() => new Date());
    this.toucher = new LinkToucher({
      annotateLink: (name, key, value) => options.cluster.annotateLink(name, key, value),
      reconcileSoon: options.reconcileSoon, log: options.log, now: this.now,
    });
  }

  public async reconcile(name: string): Promise<ReconcileResult> {
    const token = this.options.cluster.cachedToken(name);
    if (!token || token.metadata?.deletionTimestamp) {
      // What it created stays, owned by the Site, as with Skupper's AccessTokens.
      this.retries.forget(name);
      this.recent.forget(name);
      return {};
    }
    return this.report(token, await this.decide(token));
  }

  /** The steps of the class comment, in order; the first that settles the token ends it. */
  private async decide(token: LinkToken): Promise<Verdict> {
    const name = token.metadata!.name!;
    const { namespace } = this.options;
    const sites = this.options.cluster.cachedSites().filter(site => !site.metadata?.deletionTimestamp);
    if (sites.length === 0) {
      return waiting(`Waiting for a Site in namespace ${namespace}`, { requeue: true });
    }
    if (sites.length > 1) {
      const names = sites.map(site => site.metadata?.name).sort().join(', ');
      return failed(`There is more than one Site in namespace ${namespace} (${names}): Skupper allows one`, {});
    }

    // A token not redeemed yet, and not waiting for a retry, most likely needs its code: read it
    // meanwhile (one round trip less). readCode never rejects: it answers why it has no code.
    const pending = this.retries.pending(token, this.now().getTime());
    const likelyRedeemed = token.status?.redeemed || this.recent.linkNames(name, this.now().getTime()) !== undefined;
    const codeRead = likelyRedeemed || pending ? undefined : this.readCode(token);
    const existing = await this.inspectExisting(token);
    if (existing.kind === 'foreign') {
      return failed(existing.message, { requeueAfterMs: FOREIGN_OBJECT_RECHECK_MS });
    }
    if (existing.kind === 'complete') {
      this.retries.forget(name);
      return { outcome: { kind: 'redeemed', secretName: existing.secretName, links: existing.links }, result: await this.toucher.nudge(existing.links) };
    }
    if (pending) {
      return failed(pending.message, { requeueAfterMs: pending.waitMs });
    }
    const code = await (codeRead ?? this.readCode(token));
    if (typeof code !== 'string') {
      return code;
    }
    return this.redeem(token, sites[0], code, existing.secret);
  }

  /** What exists of a redemption for `token`; each object named like it must have been created for it. */
  private async inspectExisting(token: LinkToken): Promise<Existing> {
    const name = token.metadata!.name!;
    const { cluster } = this.options;
    const cached = this.recentlyComplete(name);
    if (cached) return cached;
    // The Link named like the token is read meanwhile: it is the only one but with HA.
    const [secret, sameName] = await Promise.all([cluster.readSecret(name), cluster.readLink(name)]);
    if (secret && !createdForToken(secret, name)) {
      return { kind: 'foreign', message: foreignObjectMessage('Secret', name, name) };
    }
    // With no Secret, the single Link's name is checked too, so no redemption is spent on a clash.
    const linkNames = secret ? linksRecordedOn(secret) : [name];
    const links: SkupperLink[] = [];
    for (const linkName of linkNames) {
      const link = linkName === name ? sameName : await cluster.readLink(linkName);
      if (link && !createdForToken(link, name)) {
        return { kind: 'foreign', message: foreignObjectMessage('Link', linkName, name) };
      }
      if (link) links.push(link);
    }
    if (secret && linkNames.length > 0 && links.length === linkNames.length) {
      this.recent.complete(name, linkNames, this.now().getTime());
      return { kind: 'complete', secretName: name, links };
    }
    this.recent.forget(name);
    return { kind: 'incomplete', secret };
  }

  /** Complete from the informer cache, if the token was complete lately (recent-redemptions.ts). */
  private recentlyComplete(name: string): Existing | undefined {
    const linkNames = this.recent.linkNames(name, this.now().getTime());
    if (!linkNames) return undefined;
    const links = linkNames.map(linkName => this.options.cluster.cachedLink(linkName));
    if (links.some(link => !link || !createdForToken(link, name))) return undefined;
    return { kind: 'complete', secretName: name, links: links as SkupperLink[] };
  }

  /** The code, or why it cannot be had yet. */
  private async readCode(token: LinkToken): Promise<string | Verdict> {
    const ref = token.spec.codeSecretRef;
    const key = codeKeyOf(token);
    let secret: Secret | undefined;
    try {
      secret = await this.options.cluster.readSecret(ref.name);
    } catch (error) {
      return failed(`Controller could not read Secret ${ref.name}: ${describeError(error)}`, { requeue: true });
    }
    if (!secret) {
      // Not watched (no list/watch on Secrets), so looked at again with backoff until unsealed.
      return waiting(`Waiting for Secret ${ref.name} holding the code`, { requeue: true });
    }
    const value = secretValue(secret, key);
    if (!value || value.length === 0) {
      return failed(`Secret ${ref.name} has no key ${key} holding the code`, { requeue: true });
    }
    // Sent byte for byte, as Skupper sends spec.code: the grant server compares it exactly.
    return value.toString('utf8');
  }

  /** POSTs the code, checks the answer and creates what it holds; the Links on success. */
  private async redeem(token: LinkToken, site: SkupperSite, code: string, existingSecret: Secret | undefined): Promise<Verdict> {
    const name = token.metadata!.name!;
    const log = this.options.log.with({ token: name });
    const attemptFailed = (outcome: string, message: string, transient: boolean): Verdict => {
      this.options.metrics.tokenRedemptions.inc({ outcome });
      const delay = this.retries.failed(token, transient ? TRANSIENT_RETRY : PERSISTENT_RETRY, message, this.now().getTime());
      log.warn('redemption failed', { outcome, reason: message, retryInMs: delay });
      return failed(message, { requeueAfterMs: delay });
    };

    log.info('redeeming token', { url: token.spec.url, subject: site.metadata!.uid!, secretAlreadyCreated: existingSecret !== undefined });
    // Also a stock Skupper grant server's token (`https://<host>/<grant uid>`): same request, same answer.
    const answer = await this.options.redeem({ url: token.spec.url, ca: token.spec.ca, code, name, subject: site.metadata!.uid! });
    if (answer.kind !== 'issued') {
      return attemptFailed(answer.kind, answer.message, isTransientFailure(answer));
    }
    const check = checkReceivedBundle(answer.body, { tokenName: name, namespace: this.options.namespace });
    if (!check.valid) {
      return attemptFailed('invalid', `Controller got invalid response: ${check.problem}`, false);
    }
    const objects = objectsToCreate(check.bundle, token, site);
    const links = await this.createObjects(objects, name, existingSecret);
    if (typeof links === 'string') {
      return attemptFailed('create_failed', links, false);
    }
    this.options.metrics.tokenRedemptions.inc({ outcome: 'redeemed' });
    this.retries.forget(name);
    this.recent.complete(name, links.map(link => link.metadata!.name!), this.now().getTime());
    log.info('token redeemed', { secret: name, links: links.map(link => link.metadata?.name).join(',') });
    return { outcome: { kind: 'redeemed', secretName: name, links }, result: await this.toucher.nudge(links) };
  }

  /** Creates the Secret (unless a crash left it behind), then the Links; the Links, or why not. */
  private async createObjects(objects: ObjectsToCreate, tokenName: string, existingSecret: Secret | undefined): Promise<readonly SkupperLink[] | string> {
    const { cluster } = this.options;
    const linkNames = objects.links.map(link => link.metadata!.name!);
    if (existingSecret) {
      const recorded = linksRecordedOn(existingSecret);
      if (recorded.slice().sort().join(',') !== linkNames.slice().sort().join(',')) {
        // It cannot be updated (no RBAC for it), and its Link list would never be complete.
        return `Secret ${tokenName} was created for Links ${recorded.join(', ') || '(none)'}, but the grant server now answers with ` +
          `Links ${linkNames.join(', ')}: delete Secret ${tokenName} to redeem the token again`;
      }
    } else {
      try {
        if (!(await cluster.createSecret(objects.secret))) {
          const secret = await cluster.readSecret(tokenName);
          if (!secret || !createdForToken(secret, tokenName)) return foreignObjectMessage('Secret', tokenName, tokenName);
        }
      } catch (error) {
        return `Controller could not create received secret: ${describeError(error)}`;
      }
    }
    const links: SkupperLink[] = [];
    for (const link of objects.links) {
      const linkName = link.metadata!.name!;
      try {
        const made = await cluster.createLink(link);
        if (made) this.toucher.created(linkName, tokenName);
        const created = made ?? (await cluster.readLink(linkName));
        if (!created || !createdForToken(created, tokenName)) return foreignObjectMessage('Link', linkName, tokenName);
        links.push(created);
      } catch (error) {
        return `Controller could not create received link: ${describeError(error)}`;
      }
    }
    return links;
  }

  /**
   * How much longer the first status of a token this process has just redeemed waits for Skupper's
   * report (FIRST_STATUS_WAIT_MS); 0 when it is written now: the token has a status already,
   * Skupper has reported on a Link, or a Link was not created by this process lately.
   */
  private firstStatusWaitMs(token: LinkToken, outcome: TokenOutcome): number {
    if (outcome.kind !== 'redeemed' || token.status?.status !== undefined) return 0;
    const nowMs = this.now().getTime();
    let waitMs = FIRST_STATUS_WAIT_MS;
    for (const link of outcome.links) {
      const createdAtMs = this.toucher.createdAt(link.metadata!.name!);
      if (createdAtMs === undefined || (link.status?.conditions ?? []).length > 0) return 0;
      waitMs = Math.min(waitMs, createdAtMs + FIRST_STATUS_WAIT_MS - nowMs);
    }
    return Math.max(0, waitMs);
  }

  /** Writes the status the verdict calls for, if it differs, and tells about the change. */
  private async report(token: LinkToken, { outcome, result }: Verdict): Promise<ReconcileResult> {
    const status = desiredTokenStatus(token, outcome, this.now());
    if (sameStatus(token.status, status)) {
      return result;
    }
    const waitMs = this.firstStatusWaitMs(token, outcome);
    if (waitMs > 0) {
      return { requeueAfterMs: Math.min(result.requeueAfterMs ?? waitMs, waitMs) };
    }
    const written = await this.options.cluster.writeTokenStatus(token, status);
    if (written === 'conflict') {
      // The cache is behind: the watch brings the newer token, and this runs again.
      return { requeue: true };
    }
    if (written === 'written' && (token.status?.status !== status.status || token.status?.message !== status.message)) {
      this.options.log.info('token status changed', { token: token.metadata?.name, status: status.status, message: status.message });
      // An Event for a new state, or a new error; a Link's progress within a state (configured, then
      // operational) shows in the status only: one write less per token for the API server.
      if (token.status?.status !== status.status || status.status === 'Error') {
        // Not awaited: the next reconcile (a touch is due soon) need not wait for a courtesy.
        this.options.cluster.recordEvent(token, status.status === 'Error' ? 'Warning' : 'Normal', status.status ?? 'Unknown', status.message ?? '')
          .catch(() => undefined); // the cluster logs its own failures; a rejection must not end the process
      }
    }
    return result;
  }
}

function foreignObjectMessage(kind: string, name: string, tokenName: string): string {
  return `${kind} ${name} exists and was not created for token ${tokenName}`;
}
