import { DEFAULT_SEALED_SECRETS_CONTROLLER } from '../commands/cluster/sealed-secrets-controller';
import type { Flag } from './flags';

// Flags several commands share, written once.

export const KUBECONFIG_FLAG: Flag = { kind: 'value', placeholder: 'FILE', help: 'the kubeconfig (default: the files KUBECONFIG lists, else ~/.kube/config)' };

export const CONTROLLER_NAME_FLAG: Flag = {
  kind: 'value', placeholder: 'NAME', default: DEFAULT_SEALED_SECRETS_CONTROLLER.name, help: 'the sealed-secrets controller\'s Service',
};

export const CONTROLLER_NAMESPACE_FLAG: Flag = {
  kind: 'value', placeholder: 'NS', default: DEFAULT_SEALED_SECRETS_CONTROLLER.namespace, help: 'the sealed-secrets controller\'s namespace',
};
