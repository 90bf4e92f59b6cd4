import { ConflictError, GrantApi } from '../../../../lib/controllers/grant-server/grant-api';
import type { LinkGrant } from '../../../../lib/api/link-grant';

/**
 * An in-memory fake of the LinkGrant status subresource with the apiserver's optimistic
 * concurrency: a write with a stale resourceVersion fails with ConflictError. Each call yields
 * to the event loop, so concurrent callers interleave as they would over the network.
 */
export class FakeGrantApi implements GrantApi {
  public reads = 0;
  public writes = 0;
  public conflicts = 0;
  private version = 1;
  public constructor(public grant: LinkGrant | undefined) {}

  public async get(name: string): Promise<LinkGrant | undefined> {
    this.reads++;
    await new Promise((resolve) => setImmediate(resolve));
    return this.grant && this.grant.metadata!.name === name ? structuredClone(this.grant) : undefined;
  }

  public async replaceStatus(grant: LinkGrant): Promise<LinkGrant> {
    await new Promise((resolve) => setImmediate(resolve));
    if (!this.grant || grant.metadata!.resourceVersion !== this.grant.metadata!.resourceVersion) {
      this.conflicts++;
      throw new ConflictError('conflict');
    }
    this.writes++;
    this.grant = { ...this.grant, status: structuredClone(grant.status), metadata: { ...this.grant.metadata, resourceVersion: String(++this.version) } };
    return structuredClone(this.grant);
  }

  /** Another writer (e.g. a second replica) changes the grant: bumps the resourceVersion. */
  public touch(change: (grant: LinkGrant) => LinkGrant = (g) => g): void {
    this.grant = { ...change(this.grant!), metadata: { ...this.grant!.metadata, resourceVersion: String(++this.version) } };
  }
}
