import * as fs from 'fs';
import * as path from 'path';
import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import * as YAML from 'yaml';

/** The folder holding our CRD files (the source of truth for the CRDs and for imports/). */
export const CRD_DIRECTORY = path.join(__dirname, '..', '..', 'crds', 'cdk8s-skupper');

/**
 * The cdk8s-skupper.io CRDs (LinkGrant, LinkToken) as a chart of their own: installing CRDs is a
 * cluster-admin step, and Sites depend on this chart so it is applied first (folder `0000-crds`).
 */
export class CustomResourceDefinitions extends Chart {
  public constructor(scope: Construct, id: string) {
    super(scope, id);
    // Read directly rather than with cdk8s Include, which spawns a node process per file.
    for (const file of fs.readdirSync(CRD_DIRECTORY).filter(f => f.endsWith('.yaml')).sort()) {
      const crd = YAML.parse(fs.readFileSync(path.join(CRD_DIRECTORY, file), 'utf8'));
      new ApiObject(this, crd.metadata.name, crd);
    }
  }
}
