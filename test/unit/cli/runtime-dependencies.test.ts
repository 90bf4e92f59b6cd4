import { loadCommand } from '../../../lib/cli/runtime-dependencies';

/** An error like the one require() throws for a package that is not installed. */
function notFound(name: string): Error {
  return Object.assign(new Error(`Cannot find module '${name}'\nRequire stack:\n- /app/x.js`), { code: 'MODULE_NOT_FOUND' });
}

test('a missing runtime peer becomes an error naming the command and the npm install to run', async () => {
  await expect(loadCommand('status', () => Promise.reject(notFound('@kubernetes/client-node')))).rejects.toThrow(
    /^the status command needs @kubernetes\/client-node, .*npm install @kubernetes\/client-node@"~1\.4\.0" prom-client@"\^15\.1\.3"$/,
  );
  await expect(loadCommand('grant-server', () => Promise.reject(notFound('prom-client')))).rejects.toThrow(/the grant-server command needs prom-client/);
});

test('other errors, and other missing modules, pass through unchanged', async () => {
  const other = notFound('left-pad');
  await expect(loadCommand('status', () => Promise.reject(other))).rejects.toBe(other);
  const bug = new TypeError('boom');
  await expect(loadCommand('status', () => Promise.reject(bug))).rejects.toBe(bug);
});

test('a command that loads is returned as is', async () => {
  const module = { run: () => 0 };
  await expect(loadCommand('seal', () => Promise.resolve(module))).resolves.toBe(module);
});
