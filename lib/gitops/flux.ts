import type { ISynthesizableCluster } from '../synth/synthesizable-cluster';
import { parseGoDuration } from '../validation/go-duration';
import { validateDnsLabel, validateDnsSubdomain } from '../validation/kubernetes-names';
import { ClusterFolder, GitOpsFile, GITOPS_FOLDER, IGitOpsTool } from './gitops-tool';
import { gitOpsLabels, kustomizationFile, objectFile } from './manifest-file';
import { repoPath, validateRepoPathPrefix } from './repo-path';

/** Properties of {@link Flux}. */
export interface FluxProps {
  /** The name of the Flux `GitRepository` (source.toolkit.fluxcd.io) holding the synthesized folders. */
  readonly gitRepository: string;
  /**
   * The namespace of the GitRepository.
   * @default - the namespace of the Kustomizations
   */
  readonly gitRepositoryNamespace?: string;
  /**
   * The namespace of the Kustomization objects.
   * @default flux-system
   */
  readonly namespace?: string;
  /**
   * The path, inside the repository, of the folder holding the cluster folders.
   * @default dist
   */
  readonly pathPrefix?: string;
  /**
   * How often Flux reconciles each Kustomization, as a Go duration.
   * @default 10m
   */
  readonly interval?: string;
  /**
   * How long Flux waits for an apply (and its health checks), as a Go duration.
   * @default 5m
   */
  readonly timeout?: string;
  /**
   * Secrets holding a kubeconfig for each cluster, by cluster name, for one Flux that deploys to
   * several clusters (`spec.kubeConfig.secretRef`). A cluster without one is deployed to the
   * cluster Flux runs in.
   * @default - none: each cluster runs its own Flux and applies `_gitops/flux/<cluster>/`
   */
  readonly kubeConfigSecrets?: Readonly<Record<string, string>>;
  /**
   * Whether the `<cluster>-sites` Kustomization waits for all its objects to become ready
   * (`wait: true`). Off by default: the runtime Deployments and Skupper Sites become ready only
   * once their images run and their links come up.
   * @default false
   */
  readonly waitForSites?: boolean;
}

/**
 * Flux objects for the cluster folders, written into `_gitops/flux/<cluster>/`: per cluster a
 * `<cluster>-crds` Kustomization (kustomize.toolkit.fluxcd.io/v1) for the CRDs folder, with
 * `wait: true` so it is ready only once the CRDs are established, and a `<cluster>-sites`
 * Kustomization for the site folders that `dependsOn` it. Both `prune: true`, so objects removed
 * from git are removed from the cluster.
 *
 * The sites Kustomization points at a generated overlay, `_gitops/flux/<cluster>/sites/`, that
 * lists the cluster's site folders: the cluster folder's own kustomization.yaml includes the CRDs,
 * and two Kustomizations must not own the same objects.
 */
export class Flux implements IGitOpsTool {
  public readonly folderName = 'flux';
  private readonly gitRepository: string;
  private readonly gitRepositoryNamespace?: string;
  private readonly namespace: string;
  private readonly pathPrefix: string;
  private readonly interval: string;
  private readonly timeout: string;
  private readonly kubeConfigSecrets: Readonly<Record<string, string>>;
  private readonly waitForSites: boolean;

  public constructor(props: FluxProps) {
    this.gitRepository = validateDnsSubdomain('Flux gitRepository', props.gitRepository);
    this.gitRepositoryNamespace = props.gitRepositoryNamespace === undefined
      ? undefined : validateDnsLabel('Flux gitRepositoryNamespace', props.gitRepositoryNamespace);
    this.namespace = validateDnsLabel('Flux namespace', props.namespace ?? 'flux-system');
    this.pathPrefix = validateRepoPathPrefix('Flux pathPrefix', props.pathPrefix ?? 'dist');
    this.interval = props.interval ?? '10m';
    parseGoDuration('Flux interval', this.interval);
    this.timeout = props.timeout ?? '5m';
    parseGoDuration('Flux timeout', this.timeout);
    this.kubeConfigSecrets = props.kubeConfigSecrets ?? {};
    for (const [cluster, secret] of Object.entries(this.kubeConfigSecrets)) {
      validateDnsSubdomain(`Flux kubeConfig Secret of cluster "${cluster}"`, secret);
    }
    this.waitForSites = props.waitForSites ?? false;
  }

  public prepare(clusters: readonly ISynthesizableCluster[]): void {
    const names = clusters.map(cluster => cluster.name);
    for (const cluster of Object.keys(this.kubeConfigSecrets).sort()) {
      if (!names.includes(cluster)) {
        throw new Error(`unknown cluster "${cluster}" in Flux kubeConfigSecrets: the clusters are ${names.join(', ')}`);
      }
    }
    for (const name of names) {
      // <cluster>-sites must fit in a DNS label too (the controller labels objects with it).
      validateDnsLabel(`Flux Kustomization name of cluster "${name}"`, `${name}-sites`);
    }
  }

  public render(folders: readonly ClusterFolder[]): GitOpsFile[] {
    const files: GitOpsFile[] = [];
    for (const folder of folders) {
      const dir = folder.name;
      const objects = [];
      if (folder.crdsFolder !== undefined) {
        objects.push(this.kustomization(folder.name, `${folder.name}-crds`, repoPath(this.pathPrefix, folder.name, folder.crdsFolder), {
          wait: true,
        }));
      }
      objects.push(this.kustomization(folder.name, `${folder.name}-sites`, repoPath(this.pathPrefix, GITOPS_FOLDER, this.folderName, dir, 'sites'), {
        dependsOn: folder.crdsFolder !== undefined ? [{ name: `${folder.name}-crds` }] : undefined,
        wait: this.waitForSites,
      }));
      const objectFiles = objects.map(object => objectFile(dir, object));
      files.push(...objectFiles);
      files.push(kustomizationFile(dir, objectFiles.map(file => file.path.slice(dir.length + 1))));
      // _gitops/flux/<cluster>/sites -> <cluster>/<site folder>: four levels up is the folder of the cluster folders.
      files.push(kustomizationFile(`${dir}/sites`, folder.siteFolders.map(site => `../../../../${folder.name}/${site}`)));
    }
    files.push(kustomizationFile('', folders.map(folder => folder.name)));
    return files;
  }

  private kustomization(cluster: string, name: string, path: string, options: { dependsOn?: Array<{ name: string }>; wait: boolean }) {
    const kubeConfigSecret = this.kubeConfigSecrets[cluster];
    return {
      apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
      kind: 'Kustomization',
      metadata: { name, namespace: this.namespace, labels: gitOpsLabels(cluster) },
      spec: {
        ...(options.dependsOn ? { dependsOn: options.dependsOn } : {}),
        interval: this.interval,
        timeout: this.timeout,
        sourceRef: {
          kind: 'GitRepository',
          name: this.gitRepository,
          ...(this.gitRepositoryNamespace !== undefined ? { namespace: this.gitRepositoryNamespace } : {}),
        },
        path: `./${path}`,
        prune: true,
        wait: options.wait,
        ...(kubeConfigSecret !== undefined ? { kubeConfig: { secretRef: { name: kubeConfigSecret } } } : {}),
      },
    };
  }
}
