import * as fs from 'fs';
import * as path from 'path';
import { App, YamlOutputType } from 'cdk8s';
import { IConstruct } from 'constructs';
import { MasterSecret } from '../secrets/master-secret';
import { SealingCertificate } from '../sealing/sealing-certificate';
import { validateDnsLabel } from '../validation/kubernetes-names';
import { CustomResourceDefinitions } from './custom-resource-definitions';
import { writeKustomizations, KUSTOMIZATION_MARKER } from './kustomization';

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
   * The folder this cluster's manifests are written to.
   * @default - `<$CDK8S_OUTDIR or dist>/<name>`
   */
  readonly outdir?: string;
  /**
   * Where derived RSA keys are cached, to keep re-synthesis fast (the keys are derived from the
   * master secret, so the cache holds nothing that the master secret does not already give).
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
 * folder per chart, one file per resource and a generated `kustomization.yaml`, ready for Argo CD
 * or Flux. It holds the cluster's sealing certificate, so every secret of its Sites is sealed for it.
 */
export class Cluster extends App {
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
      outdir: props.outdir ?? path.join(process.env.CDK8S_OUTDIR ?? 'dist', name),
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
   * Writes this cluster's folder. The folder is replaced as a whole, so removed resources
   * disappear; it refuses to replace a non-empty folder that it did not write.
   */
  public synth(): void {
    // Validate and render everything before touching the disk: nothing half-written.
    validateCluster(this);
    clearPreviousOutput(this.outdir);
    super.synth();
    writeKustomizations(this.outdir);
  }
}

/**
 * Synthesizes several clusters all or nothing: every cluster is validated before any folder is written.
 */
export function synthClusters(clusters: readonly Cluster[]): void {
  const names = new Set<string>();
  for (const cluster of clusters) {
    if (names.has(cluster.name)) {
      throw new Error(`duplicate cluster name "${cluster.name}": every cluster needs its own name and output folder`);
    }
    names.add(cluster.name);
    validateCluster(cluster);
  }
  for (const cluster of clusters) {
    cluster.synth();
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
  return SealingCertificate.fromPem(fs.readFileSync(file, 'utf8'), file);
}

/**
 * What app.synth() would reject, checked up front: construct validations, resolution of every
 * object (toJson), and file name clashes — cdk8s names each file <Kind>.<name> per chart folder
 * and silently overwrites on a clash. (Cheaper than synthYaml(), which also renders all YAML.)
 */
function validateCluster(cluster: Cluster): void {
  const errors = cluster.node.findAll().flatMap(c => c.node.validate().map(e => `[${c.node.path}] ${e}`));
  if (errors.length > 0) {
    throw new Error(`validation of cluster "${cluster.name}" failed:\n  ${errors.join('\n  ')}`);
  }
  for (const chart of cluster.charts) {
    const seen = new Map<string, string>();
    for (const obj of chart.toJson() as Array<{ kind: string; metadata: { name: string; namespace?: string } }>) {
      const file = `${obj.kind}.${obj.metadata.name}`;
      const where = `${obj.metadata.namespace ?? '(cluster)'}/${obj.metadata.name}`;
      if (seen.has(file)) {
        throw new Error(`two ${obj.kind} objects named "${obj.metadata.name}" in chart "${chart.node.id}" of cluster ` +
          `"${cluster.name}" (${seen.get(file)} and ${where}): names must be unique per kind within a site`);
      }
      seen.set(file, where);
    }
  }
}

function clearPreviousOutput(outdir: string): void {
  if (!fs.existsSync(outdir)) {
    return;
  }
  const entries = fs.readdirSync(outdir);
  const ours = path.join(outdir, 'kustomization.yaml');
  if (entries.length > 0 && !(fs.existsSync(ours) && fs.readFileSync(ours, 'utf8').startsWith(KUSTOMIZATION_MARKER))) {
    throw new Error(`refusing to replace output folder "${outdir}": it is not empty and was not written by cdk8s-skupper`);
  }
  fs.rmSync(outdir, { recursive: true, force: true });
}
