import * as fs from 'fs';
import * as path from 'path';
import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import * as YAML from 'yaml';

const REPO = path.join(__dirname, '..', '..');
const CRD_FILES = [
  ...fs.readdirSync(path.join(REPO, 'crds', 'skupper')).map(f => path.join('crds', 'skupper', f)),
  ...fs.readdirSync(path.join(REPO, 'crds', 'cdk8s-skupper')).map(f => path.join('crds', 'cdk8s-skupper', f)),
  path.join('crds', 'sealed-secrets', 'bitnami.com_sealedsecrets.yaml'),
];

interface Crd {
  spec: { group: string; names: { kind: string }; versions: Array<{ name: string; schema: { openAPIV3Schema: object } }> };
}

/**
 * Validates objects against the OpenAPI schemas of the CRD files in crds/ (upstream Skupper,
 * Sealed Secrets, ours). The integration tests also apply them to a real apiserver, which is the
 * final word; this is the fast check for unit tests.
 */
export class CrdSchemas {
  private readonly validators = new Map<string, ValidateFunction>();

  public constructor() {
    // Kubernetes' structural schemas carry x-kubernetes-* keywords and Go formats ajv does not know.
    const ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
    for (const format of ['int32', 'int64', 'duration', 'byte']) {
      ajv.addFormat(format, true);
    }
    for (const file of CRD_FILES) {
      for (const doc of YAML.parseAllDocuments(fs.readFileSync(path.join(REPO, file), 'utf8'))) {
        const crd = doc.toJS() as Crd | null;
        if (!crd) continue;
        for (const version of crd.spec.versions) {
          this.validators.set(`${crd.spec.group}/${version.name}/${crd.spec.names.kind}`, ajv.compile(version.schema.openAPIV3Schema));
        }
      }
    }
  }

  /** Whether a schema for the object's apiVersion and kind is known. */
  public has(obj: { apiVersion: string; kind: string }): boolean {
    return this.validators.has(`${obj.apiVersion}/${obj.kind}`);
  }

  /** The schema errors of `obj` (empty when valid); throws when no schema is known for it. */
  public errors(obj: { apiVersion: string; kind: string }): string[] {
    const validate = this.validators.get(`${obj.apiVersion}/${obj.kind}`);
    if (!validate) {
      throw new Error(`no CRD schema for ${obj.apiVersion} ${obj.kind}`);
    }
    return validate(obj) ? [] : (validate.errors ?? []).map(e => `${e.instancePath} ${e.message}`);
  }
}
