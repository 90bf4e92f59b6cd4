import { deriveEd25519KeyPair } from '../pki/deterministic-ed25519';
import { deriveRsaKeyPair } from '../pki/deterministic-rsa';
import { createGrantServerCertificates, GrantServerCertificates, GrantServerKeyPair } from '../pki/grant-server-certificates';
import { GrantServerKeyAlgorithm, resolveKeyAlgorithm } from './grant-server-key-algorithm';
import type { Site } from './site';

/** What a grant server's CA and TLS certificate are made from. */
export interface GrantServerTlsOptions {
  /** The host the server certificate is for. */
  readonly host: string;
  /** In-cluster names the certificate also carries: the Service's. */
  readonly extraDnsNames: string[];
  readonly rotation: number;
  readonly keyAlgorithm?: GrantServerKeyAlgorithm;
  readonly validFrom: Date;
  readonly validityDays: number;
}

/**
 * The CA and server certificate of a site's grant server, made at synth time from keys derived
 * from the master secret: equal inputs give equal certificates, and the derivation context
 * (cluster, namespace, rotation) gives each grant server keys of its own.
 */
export function grantServerCertificates(site: Site, options: GrantServerTlsOptions): GrantServerCertificates {
  const cluster = site.cluster;
  const context = [cluster.name, site.namespace, `rotation=${options.rotation}`];
  const seed = (purpose: string) => cluster.masterSecret.derive(purpose, context, 32);
  const keyAlgorithm = resolveKeyAlgorithm(options.keyAlgorithm, site.name, seed('grant-server/ca-key'), cluster.keyCacheDir);
  const key = (purpose: string): GrantServerKeyPair => keyAlgorithm === GrantServerKeyAlgorithm.RSA_2048
    ? deriveRsaKeyPair(seed(purpose), { cacheDir: cluster.keyCacheDir })
    // Its own purpose: an Ed25519 key never shares a seed with an RSA key.
    : deriveEd25519KeyPair(seed(`${purpose}/ed25519`));
  return createGrantServerCertificates({
    caKey: key('grant-server/ca-key'),
    serverKey: key('grant-server/server-key'),
    serialSeed: seed('grant-server/serials'),
    host: options.host,
    extraDnsNames: options.extraDnsNames,
    validFrom: options.validFrom,
    validityDays: options.validityDays,
  });
}
