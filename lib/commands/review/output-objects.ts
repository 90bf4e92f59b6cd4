import { parseAllDocuments } from 'yaml';
import { SynthOutput } from './synth-output';

/** A Kubernetes object of a synth output, and where it lies. */
export interface OutputObject {
  /** The cluster folder it is in (`_gitops` for the GitOps tools' objects). */
  readonly cluster: string;
  readonly file: string;
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  /** Empty for cluster-scoped objects. */
  readonly namespace: string;
  readonly body: Record<string, unknown>;
}

/** The objects of a synth output by {@link objectKey}. Kustomization files are wiring, not objects. */
export function outputObjects(output: SynthOutput): Map<string, OutputObject> {
  const objects = new Map<string, OutputObject>();
  for (const [file, text] of output.files) {
    if (/(^|\/)kustomization\.ya?ml$/.test(file)) {
      continue;
    }
    for (const document of parseAllDocuments(text)) {
      if (document.errors.length > 0) {
        throw new Error(`${output.label}/${file} is not valid YAML: ${document.errors[0].message}`);
      }
      const body = document.toJS() as Record<string, unknown> | null;
      const metadata = (body?.metadata ?? {}) as { name?: string; namespace?: string };
      if (!body || typeof body.kind !== 'string' || !metadata.name) {
        continue;
      }
      const object: OutputObject = {
        cluster: file.split('/')[0],
        file,
        apiVersion: String(body.apiVersion ?? ''),
        kind: body.kind,
        name: metadata.name,
        namespace: metadata.namespace ?? '',
        body,
      };
      objects.set(objectKey(object), object);
    }
  }
  return objects;
}

/** `<cluster>/<kind>/<namespace>/<name>`: the same object in two outputs has the same key. */
export function objectKey(object: Pick<OutputObject, 'cluster' | 'kind' | 'namespace' | 'name'>): string {
  return [object.cluster, object.kind, object.namespace, object.name].join('/');
}

/** `kind namespace/name`, or `kind name` when cluster-scoped. */
export function describeObject(object: OutputObject): string {
  return `${object.kind} ${object.namespace ? `${object.namespace}/` : ''}${object.name}`;
}

/** An object's labels (empty when it has none). */
export function labelsOf(object: OutputObject): Record<string, string> {
  return ((object.body.metadata as { labels?: Record<string, string> }).labels) ?? {};
}

/** An object's annotations (empty when it has none). */
export function annotationsOf(object: OutputObject): Record<string, string> {
  return ((object.body.metadata as { annotations?: Record<string, string> }).annotations) ?? {};
}

/** An object's `spec` (empty when it has none). */
export function specOf(object: OutputObject): Record<string, unknown> {
  return (object.body.spec as Record<string, unknown> | undefined) ?? {};
}
