import * as fs from 'fs';
import * as path from 'path';
import { Chart, Include } from 'cdk8s';
import { Construct } from 'constructs';

/** The folder holding our CRD files (the source of truth for the CRDs and for imports/). */
export const CRD_DIRECTORY = path.join(__dirname, '..', '..', 'crds', 'cdk8s-skupper');

/**
 * The cdk8s-skupper.io CRDs (LinkGrant, LinkToken) as a chart of their own: installing CRDs is a
 * cluster-admin step, and Sites depend on this chart so it is applied first (folder `0000-crds`).
 */
export class CustomResourceDefinitions extends Chart {
  public constructor(scope: Construct, id: string) {
    super(scope, id);
    for (const file of fs.readdirSync(CRD_DIRECTORY).filter(f => f.endsWith('.yaml')).sort()) {
      new Include(this, file, { url: path.join(CRD_DIRECTORY, file) });
    }
  }
}
