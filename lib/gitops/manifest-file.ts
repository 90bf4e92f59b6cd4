import * as YAML from 'yaml';
import { kustomizationYaml } from '../synth/kustomization';
import { GitOpsFile } from './gitops-tool';

/** A Kubernetes object as one YAML file named `<Kind>.<name>.k8s.yaml`, keys in the order given. */
export function objectFile(dir: string, object: { kind: string; metadata: { name: string } }): GitOpsFile {
  const name = `${object.kind}.${object.metadata.name}.k8s.yaml`;
  return { path: dir === '' ? name : `${dir}/${name}`, content: YAML.stringify(object, { lineWidth: 0 }) };
}

/** A kustomization.yaml (marked as ours) listing `resources` in the order given. */
export function kustomizationFile(dir: string, resources: readonly string[]): GitOpsFile {
  return { path: dir === '' ? 'kustomization.yaml' : `${dir}/kustomization.yaml`, content: kustomizationYaml(resources) };
}

/** Labels on every GitOps object we write. */
export function gitOpsLabels(cluster?: string): Record<string, string> {
  return cluster === undefined
    ? { 'app.kubernetes.io/part-of': 'cdk8s-skupper' }
    : { 'app.kubernetes.io/part-of': 'cdk8s-skupper', 'cdk8s-skupper.io/cluster': cluster };
}
