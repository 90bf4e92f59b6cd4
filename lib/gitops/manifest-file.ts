import * as YAML from 'yaml';
import { KUSTOMIZATION_MARKER } from '../constructs/kustomization';
import { GitOpsFile } from './gitops-tool';

/** A Kubernetes object as one YAML file named `<Kind>.<name>.k8s.yaml`, keys in the order given. */
export function objectFile(dir: string, object: { kind: string; metadata: { name: string } }): GitOpsFile {
  const name = `${object.kind}.${object.metadata.name}.k8s.yaml`;
  return { path: dir === '' ? name : `${dir}/${name}`, content: YAML.stringify(object, { lineWidth: 0 }) };
}

/** A kustomization.yaml (marked as ours) listing `resources` in the order given. */
export function kustomizationFile(dir: string, resources: readonly string[]): GitOpsFile {
  const lines = [
    KUSTOMIZATION_MARKER,
    'apiVersion: kustomize.config.k8s.io/v1beta1',
    'kind: Kustomization',
    resources.length > 0 ? 'resources:' : 'resources: []',
    ...resources.map(resource => `  - ${resource}`),
  ];
  return { path: dir === '' ? 'kustomization.yaml' : `${dir}/kustomization.yaml`, content: lines.join('\n') + '\n' };
}

/** Labels on every GitOps object we write. */
export function gitOpsLabels(cluster?: string): Record<string, string> {
  return cluster === undefined
    ? { 'app.kubernetes.io/part-of': 'cdk8s-skupper' }
    : { 'app.kubernetes.io/part-of': 'cdk8s-skupper', 'cdk8s-skupper.io/cluster': cluster };
}
