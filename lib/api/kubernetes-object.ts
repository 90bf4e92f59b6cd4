// The Kubernetes object shapes our API types build on. Written here rather than imported from
// @kubernetes/client-node, which the constructs (and this layer) must not load; they match
// client-node's V1ObjectMeta field for field, so objects pass between the two unchanged.

/** An owner of an object (metav1.OwnerReference). */
export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

/** The metadata fields we read or write (metav1.ObjectMeta). */
export interface ObjectMeta {
  name?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: Date;
  deletionTimestamp?: Date;
  labels?: { [key: string]: string };
  annotations?: { [key: string]: string };
  ownerReferences?: Array<OwnerReference>;
  finalizers?: Array<string>;
}

/** Any object the API returns. */
export interface KubernetesObject {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
}

/** A Kubernetes condition (metav1.Condition). */
export interface Condition {
  readonly type: string;
  readonly status: 'True' | 'False' | 'Unknown';
  readonly reason: string;
  readonly message: string;
  readonly lastTransitionTime: string;
  readonly observedGeneration?: number;
}
