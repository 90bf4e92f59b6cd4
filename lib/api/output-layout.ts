/**
 * Name of the folder, next to the cluster folders of a synthesized output, that GitOps objects
 * are written to. Here because the GitOps tools write it and `review` reads it.
 */
export const GITOPS_FOLDER = '_gitops';
