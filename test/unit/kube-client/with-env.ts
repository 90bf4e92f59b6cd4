/** Runs `fn` with HOME and KUBECONFIG set as given (undefined: unset), restoring them once it has finished. */
export async function withEnv<T>(env: { HOME?: string; KUBECONFIG?: string }, fn: () => T | Promise<T>): Promise<T> {
  const saved = { HOME: process.env.HOME, KUBECONFIG: process.env.KUBECONFIG };
  const set = (name: 'HOME' | 'KUBECONFIG', value: string | undefined) => {
    if (value === undefined) delete process.env[name]; else process.env[name] = value;
  };
  set('HOME', env.HOME);
  set('KUBECONFIG', env.KUBECONFIG);
  try {
    return await fn();
  } finally {
    set('HOME', saved.HOME);
    set('KUBECONFIG', saved.KUBECONFIG);
  }
}
