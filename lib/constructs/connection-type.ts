import { validateOneOf } from '../validation/one-of';

/**
 * What a Skupper Listener or Connector carries (Skupper's `spec.type`). Skupper 2.2 routes TCP
 * only; the enum leaves room for what later versions add.
 */
export enum ConnectionType {
  /** Plain TCP connections (Skupper's default). */
  TCP = 'tcp',
}

/** Checks `type` against the enum, naming `what` (e.g. `connector "backend"`) in the error. */
export function validateConnectionType(what: string, type: ConnectionType): ConnectionType {
  return validateOneOf('type', type, ConnectionType, what);
}
