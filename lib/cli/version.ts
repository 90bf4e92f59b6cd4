import * as fs from 'fs';
import * as path from 'path';

const PACKAGE_NAME = 'cdk8s-skupper';

/**
 * The version of this package, from its package.json: the nearest one above this file named
 * cdk8s-skupper (lib/cli/ in a checkout, build/lib/cli/ in the image, both under the package root).
 */
export function packageVersion(from: string = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) {
      const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (pkg.name === PACKAGE_NAME && typeof pkg.version === 'string') {
        return pkg.version;
      }
    }
    if (path.dirname(dir) === dir) {
      throw new Error(`cannot find the package.json of ${PACKAGE_NAME} above ${from}`);
    }
  }
}
