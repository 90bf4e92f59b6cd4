import * as fs from 'fs';
import * as path from 'path';
import { packageRoot } from '../package-root';

/**
 * The version of this package, from its package.json (found by packageRoot, so it is the same
 * from lib/cli/ in a checkout, build/lib/cli/ in the image, or node_modules/cdk8s-skupper/).
 */
export function packageVersion(from: string = __dirname): string {
  const root = packageRoot(from);
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version?: string };
  if (typeof pkg.version !== 'string') {
    throw new Error(`the package.json in ${root} has no version`);
  }
  return pkg.version;
}
