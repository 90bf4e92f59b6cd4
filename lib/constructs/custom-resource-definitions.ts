import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, ApiObjectProps, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import * as YAML from 'yaml';
import { packageRoot } from '../package-root';
import { deepFreeze } from './deep-freeze';

/**
 * The folder holding our CRD files (the source of truth for the CRDs and for imports/), shipped
 * in the package beside build/: found from the package root, as this module runs from lib/ or build/lib/.
 */
export const CRD_DIRECTORY = path.join(packageRoot(__dirname), 'crds', 'cdk8s-skupper');

/**
 * The cdk8s-skupper.io CRDs (LinkGrant, LinkToken) as a chart of their own: installing CRDs is a
 * cluster-admin step, and Sites depend on this chart so it is applied first (folder `0000-crds`).
 */
export class CustomResourceDefinitions extends Chart {
  public constructor(scope: Construct, id: string) {
    super(scope, id);
    for (const crd of crdDocuments()) {
      // Shared, not copied: cdk8s reads an object's props and renders new objects from them (a
      // 1,000-cluster hub shares one parse); frozen, so that anything changing them fails loudly.
      new ApiObject(this, crd.metadata.name, crd);
    }
  }
}

type CrdDocument = ApiObjectProps & { readonly metadata: { readonly name: string } };

let parsed: CrdDocument[] | undefined;

/**
 * The CRD files, parsed once per process. Read directly rather than with cdk8s Include, which
 * spawns a node process per file; parsed once because a hub declares them for every cluster.
 */
function crdDocuments(): readonly CrdDocument[] {
  parsed ??= fs.readdirSync(CRD_DIRECTORY).filter((f) => f.endsWith('.yaml')).sort()
    .map((file) => deepFreeze(YAML.parse(fs.readFileSync(path.join(CRD_DIRECTORY, file), 'utf8'))));
  return parsed;
}
