/** A listen address: `host:port`, or `:port` for all interfaces (as in a pod). */
export interface ListenAddress {
  readonly host: string;
  readonly port: number;
}

/** Parses `host:port`, `[v6]:port` or `:port`. */
export function parseListenAddress(value: string): ListenAddress {
  const match = /^(.*):(\d+)$/.exec(value);
  const port = match ? Number(match[2]) : NaN;
  if (!match || port > 65535) {
    throw new Error(`invalid listen address "${value}": expected host:port or :port`);
  }
  return { host: match[1] === '' ? '0.0.0.0' : match[1].replace(/^\[(.*)\]$/, '$1'), port };
}
