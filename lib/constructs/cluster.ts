import * as fs from 'fs';
import * as path from 'path';
import { App, Chart, Names, YamlOutputType } from 'cdk8s';
import { IConstruct } from 'constructs';
import { SealingCertificate } from '../sealing/sealing-certificate';
import { MasterSecret } from '../secrets/master-secret';
import { CRDS_FOLDER } from '../synth/render-cluster';
import { synthClusters } from '../synth/synth-clusters';
import type { ISynthesizableCluster } from '../synth/synthesizable-cluster';
import { validateDnsLabel } from '../validation/kubernetes-names';
import { namedChartFolder } from './chart-folder';
import { CustomResourceDefinitions } from './custom-resource-definitions';

/** Properties of a {@link Cluster}. */
export interface ClusterProps {
  /** The cluster's name; also the name of its output folder. Must be a DNS-1123 label. */
  readonly name: string;
  /**
   * The cluster's Sealed Secrets certificate (PEM), as `kubeseal --fetch-cert` prints it.
   * Exactly one of `sealingCertificate` and `sealingCertificateFile` must be set.
   * @default - read from `sealingCertificateFile`
   */
  readonly sealingCertificate?: string;
  /**
   * A file holding the cluster's Sealed Secrets certificate (PEM).
   * @default - `sealingCertificate` is used
   */
  readonly sealingCertificateFile?: string;
  /**
   * The master secret every secret value derives from.
   * @default - MasterSecret.load(): $CDK8S_SKUPPER_MASTER_SECRET, else .cdk8s-skupper/master-secret (created on first use)
   */
  readonly masterSecret?: MasterSecret;
  /**
   * The folder this cluster's manifests are written to. Not taken from $CDK8S_OUTDIR: `cdk8s synth`
   * deletes that folder before the app runs, so a failed synth would lose the previous output.
   * @default - `dist/<name>`
   */
  readonly outdir?: string;
  /**
   * Where derived RSA keys are cached, to keep re-synthesis fast (the keys are derived from the
   * master secret, so the cache holds nothing that the master secret does not already give). Only
   * grant servers with `keyAlgorithm: GrantServerKeyAlgorithm.RSA_2048` derive RSA keys; a grant
   * server without `keyAlgorithm` whose RSA keys are here refuses the Ed25519 default.
   * @default .cdk8s-skupper/keys
   */
  readonly keyCacheDir?: string;
  /**
   * Whether to synthesize the cdk8s-skupper CRDs into this cluster's folder (folder `0000-crds`).
   * Turn off when CRDs are installed by another pipeline.
   * @default true
   */
  readonly includeCrds?: boolean;
}

/**
 * One Kubernetes cluster: a cdk8s App whose output is one folder (`dist/<cluster>/`) with a
 * folder per chart (`0000-crds`, then one per site, named after the site), one file per resource
 * and generated `kustomization.yaml` files, ready for Argo CD or Flux. It holds the cluster's
 * sealing certificate, so every secret of its Sites is sealed for it.
 */
export class Cluster extends App implements ISynthesizableCluster {
  /** The Cluster a construct belongs to. */
  public static of(construct: IConstruct): Cluster {
    const root = construct.node.root;
    if (!(root instanceof Cluster)) {
      throw new Error(`construct "${construct.node.path}" is not inside a Cluster: create Sites with a Cluster as their scope`);
    }
    return root;
  }

  /** The cluster's name. */
  public readonly name: string;
  /** The certificate secrets of this cluster are sealed with. */
  public readonly sealingCertificate: SealingCertificate;
  /** The master secret all secret values derive from. */
  public readonly masterSecret: MasterSecret;
  /** Where derived RSA keys are cached. */
  public readonly keyCacheDir: string;
  /** The chart holding the cdk8s-skupper CRDs, when included. */
  public readonly crds?: CustomResourceDefinitions;

  public constructor(props: ClusterProps) {
    const name = validateDnsLabel('cluster name', props.name);
    super({
      outdir: props.outdir ?? path.join('dist', name),
      yamlOutputType: YamlOutputType.FOLDER_PER_CHART_FILE_PER_RESOURCE,
    });
    this.name = name;
    this.sealingCertificate = loadSealingCertificate(props);
    this.masterSecret = props.masterSecret ?? MasterSecret.load();
    this.keyCacheDir = props.keyCacheDir ?? path.join('.cdk8s-skupper', 'keys');
    if (props.includeCrds ?? true) {
      this.crds = new CustomResourceDefinitions(this, 'crds');
    }
  }

  /**
   * Writes this cluster's folder, as `synthClusters([this])`: validated and rendered in memory
   * first, then replacing the previous folder as a whole, so removed resources disappear and a
   * failed synth leaves the previous folder as it was. Refuses to replace a non-empty folder that
   * it did not write.
   */
  public synth(): void {
    synthClusters([this]);
  }

  /**
   * The folder of `chart` in this cluster's folder, named after what the chart is, never after its
   * position: `0000-crds` for the CRDs (sorting first), a site's name for a Site, else the chart's id
   * as a DNS label.
   */
  public chartFolder(chart: Chart): string {
    if (chart === this.crds) return CRDS_FOLDER;
    return namedChartFolder(chart) ?? Names.toDnsLabel(chart);
  }
}

function loadSealingCertificate(props: ClusterProps): SealingCertificate {
  if ((props.sealingCertificate === undefined) === (props.sealingCertificateFile === undefined)) {
    throw new Error(`cluster "${props.name}": set exactly one of sealingCertificate and sealingCertificateFile`);
  }
  if (props.sealingCertificate !== undefined) {
    return SealingCertificate.fromPem(props.sealingCertificate, `the sealing certificate of cluster "${props.name}"`);
  }
  const file = props.sealingCertificateFile!;
  if (!fs.existsSync(file)) {
    throw new Error(`sealing certificate file "${file}" of cluster "${props.name}" does not exist: ` +
      'put the output of `kubeseal --fetch-cert` (or `cdk8s-skupper fetch-cert`) there');
  }
  if (fs.statSync(file).isDirectory()) {
    throw new Error(`sealing certificate file "${file}" of cluster "${props.name}" is a directory, not a file: ` +
      `set sealingCertificateFile to the PEM file itself, such as "${path.join(file, `${props.name}.pem`)}"`);
  }
  let pem: string;
  try {
    pem = fs.readFileSync(file, 'utf8');
  } catch (error) {
    // Node's message ("EACCES: permission denied, open ...") without its errno fields.
    throw new Error(`cannot read sealing certificate file "${file}" of cluster "${props.name}": ${(error as Error).message}`);
  }
  return SealingCertificate.fromPem(pem, file);
}
