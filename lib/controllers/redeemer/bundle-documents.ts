import * as YAML from 'yaml';
import { BundleProblem, isObject, Json } from './bundle-problem';

/** The objects of a YAML stream, refusing what is not plain YAML objects (aliases, errors, scalars). */
export function parseDocuments(body: string): Json[] {
  const documents: Json[] = [];
  YAML.parseAllDocuments(body, { uniqueKeys: true }).forEach((doc, i) => {
    const where = `document ${i + 1}`;
    const issue = doc.errors[0] ?? doc.warnings[0];
    if (issue) {
      // The parser's message quotes the source; only its code and position are repeated.
      const at = issue.linePos?.[0];
      throw new BundleProblem(`${where} is not valid YAML (${issue.code}${at ? ` at line ${at.line}, column ${at.col}` : ''})`);
    }
    let value: unknown;
    try {
      // No aliases: Skupper's serializer never writes them, and they allow expansion attacks.
      value = doc.toJS({ maxAliasCount: 0 });
    } catch {
      throw new BundleProblem(`${where} uses YAML aliases, which are not accepted`);
    }
    if (value === null || value === undefined) return; // an empty document, e.g. after a final `---`
    if (!isObject(value)) {
      throw new BundleProblem(`${where} is not an object`);
    }
    documents.push(value);
  });
  return documents;
}
