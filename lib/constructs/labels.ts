// The labels are shared API: `cdk8s-skupper review` reads them too.
export * from '../api/labels';
