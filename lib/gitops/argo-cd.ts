import { ApiObject } from 'cdk8s';
import type { ISynthesizableCluster } from '../synth/synthesizable-cluster';
import { validateDnsLabel, validateDnsSubdomain } from '../validation/kubernetes-names';
import { ClusterFolder, GitOpsFile, IGitOpsTool } from './gitops-tool';
import { gitOpsLabels, kustomizationFile, objectFile } from './manifest-file';
import { repoPath, validateRepoPathPrefix } from './repo-path';
import { validateOneOf } from '../validation/one-of';

/** How the Argo CD objects are laid out. */
export enum ArgoCdLayout {
  /** One `Application` per cluster folder. */
  APPLICATIONS = 'Applications',
  /** One `ApplicationSet` with a list generator over the clusters (it makes the same Applications). */
  APPLICATION_SET = 'ApplicationSet',
}

/** Where Argo CD deploys one cluster's folder: exactly one of `server` and `name`. */
export interface ArgoCdDestination {
  /**
   * The API server URL of the cluster, as registered in Argo CD.
   * @default - `name` is used
   */
  readonly server?: string;
  /**
   * The cluster's name, as registered in Argo CD.
   * @default - `server` is used
   */
  readonly name?: string;
}

/** The Argo CD annotation that orders a sync into waves. */
export const ARGOCD_SYNC_WAVE_ANNOTATION = 'argocd.argoproj.io/sync-wave';
/** The wave of the cdk8s-skupper CRDs: before every site object (wave 0). */
export const ARGOCD_CRDS_SYNC_WAVE = '-1';

/** Properties of {@link ArgoCd}. */
export interface ArgoCdProps {
  /** The Git repository holding the synthesized folders, as Argo CD knows it. */
  readonly repoURL: string;
  /**
   * The revision to sync (branch, tag or commit).
   * @default HEAD
   */
  readonly targetRevision?: string;
  /**
   * The path, inside the repository, of the folder holding the cluster folders.
   * @default dist
   */
  readonly pathPrefix?: string;
  /**
   * The namespace of the Application/ApplicationSet objects (where Argo CD runs).
   * @default argocd
   */
  readonly namespace?: string;
  /**
   * The Argo CD project.
   * @default default
   */
  readonly project?: string;
  /**
   * Application names are `<namePrefix><cluster>`.
   * @default skupper-
   */
  readonly namePrefix?: string;
  /**
   * Where each cluster's folder is deployed, by cluster name.
   * @default - for every cluster, the Argo CD cluster registered under the same name (`destination.name`)
   */
  readonly destinations?: Readonly<Record<string, ArgoCdDestination>>;
  /**
   * Applications or one ApplicationSet.
   * @default ArgoCdLayout.APPLICATIONS
   */
  readonly layout?: ArgoCdLayout;
  /**
   * The ApplicationSet's name, with `ArgoCdLayout.APPLICATION_SET`.
   * @default skupper
   */
  readonly applicationSetName?: string;
  /**
   * Whether Argo CD syncs automatically, pruning what left git and undoing drift
   * (`syncPolicy.automated` with `prune` and `selfHeal`). Pruning is how a removed link's objects
   * leave the cluster.
   * @default true
   */
  readonly automatedSync?: boolean;
}

/**
 * Argo CD objects for the cluster folders, written into `_gitops/argocd/`: one Application per
 * cluster (or one ApplicationSet), each syncing `<pathPrefix>/<cluster>` (a kustomize folder) to
 * that cluster.
 *
 * CRDs first: a cluster folder is ONE Application, so the order is set on the objects: the
 * cdk8s-skupper CRDs (folder `0000-crds`) get `argocd.argoproj.io/sync-wave: "-1"`, the site
 * objects stay in wave 0. Argo CD applies wave -1 and waits for it to be healthy before wave 0, and
 * skips the dry run of custom resources whose CRD is part of the same sync. (Two Applications per
 * cluster were not chosen: both would claim the CRDs, since the cluster's kustomization.yaml
 * includes them, and Argo CD does not order separate Applications without extra health config.)
 * The annotation is added to the clusters by `prepare`, so it is visible in the cluster folders.
 */
export class ArgoCd implements IGitOpsTool {
  public readonly folderName = 'argocd';
  private readonly repoURL: string;
  private readonly targetRevision: string;
  private readonly pathPrefix: string;
  private readonly namespace: string;
  private readonly project: string;
  private readonly namePrefix: string;
  private readonly destinations: Readonly<Record<string, ArgoCdDestination>>;
  private readonly layout: ArgoCdLayout;
  private readonly applicationSetName: string;
  private readonly automatedSync: boolean;

  public constructor(props: ArgoCdProps) {
    if (typeof props.repoURL !== 'string' || props.repoURL.trim() === '' || /\s/.test(props.repoURL)) {
      throw new Error(`invalid Argo CD repoURL "${props.repoURL}": must be the repository URL Argo CD knows, without spaces`);
    }
    this.repoURL = props.repoURL;
    this.targetRevision = props.targetRevision ?? 'HEAD';
    if (this.targetRevision.trim() === '' || /\s/.test(this.targetRevision)) {
      throw new Error(`invalid Argo CD targetRevision "${this.targetRevision}": must be a branch, tag or commit, without spaces`);
    }
    this.pathPrefix = validateRepoPathPrefix('Argo CD pathPrefix', props.pathPrefix ?? 'dist');
    this.namespace = validateDnsLabel('Argo CD namespace', props.namespace ?? 'argocd');
    this.project = validateDnsSubdomain('Argo CD project', props.project ?? 'default');
    this.namePrefix = props.namePrefix ?? 'skupper-';
    this.layout = validateOneOf('Argo CD layout', props.layout ?? ArgoCdLayout.APPLICATIONS, ArgoCdLayout);
    this.applicationSetName = validateDnsSubdomain('Argo CD applicationSetName', props.applicationSetName ?? 'skupper');
    this.automatedSync = props.automatedSync ?? true;
    this.destinations = props.destinations ?? {};
    for (const [cluster, destination] of Object.entries(this.destinations)) {
      if ((destination.server === undefined) === (destination.name === undefined)) {
        throw new Error(`invalid Argo CD destination of cluster "${cluster}": set exactly one of server and name`);
      }
      const value = destination.server ?? destination.name!;
      if (value.trim() === '' || /\s/.test(value)) {
        throw new Error(`invalid Argo CD destination "${value}" of cluster "${cluster}": must be a cluster URL or name, without spaces`);
      }
    }
  }

  public prepare(clusters: readonly ISynthesizableCluster[]): void {
    const names = clusters.map(cluster => cluster.name);
    for (const cluster of Object.keys(this.destinations).sort()) {
      if (!names.includes(cluster)) {
        throw new Error(`unknown cluster "${cluster}" in Argo CD destinations: the clusters are ${names.join(', ')}`);
      }
    }
    for (const name of names) {
      validateDnsSubdomain(`Argo CD Application name of cluster "${name}"`, this.applicationName(name));
    }
    if (this.layout === ArgoCdLayout.APPLICATION_SET) {
      const kinds = new Set(names.map(name => (this.destinationOf(name).server !== undefined ? 'server' : 'name')));
      if (kinds.size > 1) {
        throw new Error('an Argo CD ApplicationSet template has one destination form: set destinations with server for ' +
          'every cluster, or for none (name)');
      }
    }
    for (const cluster of clusters) {
      for (const child of cluster.crds?.node.children ?? []) {
        if (child instanceof ApiObject) {
          child.metadata.addAnnotation(ARGOCD_SYNC_WAVE_ANNOTATION, ARGOCD_CRDS_SYNC_WAVE);
        }
      }
    }
  }

  public render(folders: readonly ClusterFolder[]): GitOpsFile[] {
    const objects = this.layout === ArgoCdLayout.APPLICATION_SET
      ? [this.applicationSet(folders)]
      : folders.map(folder => this.application(folder.name));
    const files = objects.map(object => objectFile('', object));
    return [...files, kustomizationFile('', files.map(file => file.path))];
  }

  private applicationName(cluster: string): string {
    return `${this.namePrefix}${cluster}`;
  }

  private destinationOf(cluster: string): ArgoCdDestination {
    return this.destinations[cluster] ?? { name: cluster };
  }

  private application(cluster: string) {
    const destination = this.destinationOf(cluster);
    return {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: { name: this.applicationName(cluster), namespace: this.namespace, labels: gitOpsLabels(cluster) },
      spec: this.applicationSpec(repoPath(this.pathPrefix, cluster),
        destination.server !== undefined ? { server: destination.server } : { name: destination.name! }),
    };
  }

  private applicationSet(folders: readonly ClusterFolder[]) {
    const byServer = folders.length > 0 && this.destinationOf(folders[0].name).server !== undefined;
    return {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'ApplicationSet',
      metadata: { name: this.applicationSetName, namespace: this.namespace, labels: gitOpsLabels() },
      spec: {
        goTemplate: true,
        goTemplateOptions: ['missingkey=error'],
        generators: [{
          list: {
            elements: folders.map(folder => {
              const destination = this.destinationOf(folder.name);
              return { cluster: folder.name, path: repoPath(this.pathPrefix, folder.name), destination: destination.server ?? destination.name! };
            }),
          },
        }],
        template: {
          metadata: { name: `${this.namePrefix}{{.cluster}}`, labels: { ...gitOpsLabels(), 'cdk8s-skupper.io/cluster': '{{.cluster}}' } },
          spec: this.applicationSpec('{{.path}}', byServer ? { server: '{{.destination}}' } : { name: '{{.destination}}' }),
        },
      },
    };
  }

  private applicationSpec(path: string, destination: Record<string, string>) {
    return {
      project: this.project,
      source: { repoURL: this.repoURL, targetRevision: this.targetRevision, path },
      destination,
      syncPolicy: {
        ...(this.automatedSync ? { automated: { prune: true, selfHeal: true } } : {}),
        // A custom resource applied while its CRD is still being established fails once; retry.
        retry: { limit: 5, backoff: { duration: '10s', factor: 2, maxDuration: '5m' } },
      },
    };
  }
}
