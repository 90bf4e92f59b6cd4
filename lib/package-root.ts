import * as fs from 'fs';
import * as path from 'path';

const PACKAGE_NAME = 'cdk8s-skupper';

/**
 * The root folder of this package: the nearest folder above `from` whose package.json is named
 * cdk8s-skupper. Files shipped beside the code (package.json, crds/) are found from here rather
 * than by a fixed number of `..`, because the same modules run from lib/ (ts-node in a checkout)
 * and from build/lib/ (the compiled package, installed or in the image).
 */
export function packageRoot(from: string = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) {
      const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string };
      if (pkg.name === PACKAGE_NAME) {
        return dir;
      }
    }
    if (path.dirname(dir) === dir) {
      throw new Error(`cannot find the package.json of ${PACKAGE_NAME} above ${from}`);
    }
  }
}
