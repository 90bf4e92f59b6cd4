import { isDnsSubdomain } from './kubernetes-names';
import { MAX_LABEL_VALUE_LENGTH } from './label-value';

// The syntax of Kubernetes label selectors as `labels.Parse` (apimachinery) reads them, which is
// what the Skupper controller does with a Connector's selector. Checked at synth time because a
// selector the controller cannot parse only shows up as a Connector error in the cluster.
const NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const KEY = '[^\\s=!<>(),]+';
const VALUE = '[^\\s=!<>(),]*';
const EXISTS = new RegExp(`^(!?)\\s*(${KEY})$`);
const EQUALITY = new RegExp(`^(${KEY})\\s*(==|=|!=)\\s*(${VALUE})$`);
const SET = new RegExp(`^(${KEY})\\s+(in|notin)\\s*\\(([^()]*)\\)$`);
const ORDER = new RegExp(`^(${KEY})\\s*(<|>)\\s*(${VALUE})$`);

const FORMS = 'key=value, key==value, key!=value, key in (a,b), key notin (a,b), key, !key, key>n, key<n, joined by commas';

/**
 * Checks that `value` is a Kubernetes label selector: requirements such as `app=backend`,
 * `tier!=cache`, `env in (prod,staging)` or `!canary`, joined by commas, with valid label keys
 * and values. `what` names the field in the error.
 */
export function validateLabelSelector(what: string, value: string): string {
  const requirements = splitRequirements(value);
  if (requirements === undefined || requirements.length === 0) {
    throw new Error(`invalid ${what} "${value}": must be a Kubernetes label selector such as app=backend (${FORMS})`);
  }
  for (const requirement of requirements) {
    const problem = requirementProblem(requirement);
    if (problem !== undefined) {
      throw new Error(`invalid ${what} "${value}": requirement "${requirement}" ${problem} (a label selector is ${FORMS})`);
    }
  }
  return value;
}

/** The comma-separated requirements (commas inside a value set do not split), or undefined when parentheses do not balance. */
function splitRequirements(selector: string): string[] | undefined {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of selector) {
    if (char === '(') depth++;
    if (char === ')') depth--;
    if (depth < 0 || depth > 1) return undefined;
    if (char === ',' && depth === 0) {
      parts.push(current.trim());
      current = '';
    } else {
      current += char;
    }
  }
  if (depth !== 0) return undefined;
  parts.push(current.trim());
  return selector.trim() === '' ? [] : parts;
}

function requirementProblem(requirement: string): string | undefined {
  let match: RegExpExecArray | null;
  if ((match = SET.exec(requirement))) {
    const values = match[3].split(',').map(v => v.trim());
    if (values.length === 1 && values[0] === '') return `has an empty value set after "${match[2]}"`;
    return keyProblem(match[1]) ?? values.map(valueProblem).find(p => p !== undefined);
  }
  if ((match = EQUALITY.exec(requirement))) {
    return keyProblem(match[1]) ?? valueProblem(match[3]);
  }
  if ((match = ORDER.exec(requirement))) {
    return keyProblem(match[1]) ?? (/^-?[0-9]+$/.test(match[3]) ? undefined : `compares with "${match[3]}", which is not an integer`);
  }
  if ((match = EXISTS.exec(requirement))) {
    return keyProblem(match[2]);
  }
  return 'is not a requirement';
}

/** A label key: an optional DNS subdomain prefix and '/', then a name of at most 63 characters. */
function keyProblem(key: string): string | undefined {
  const slash = key.indexOf('/');
  const name = slash < 0 ? key : key.slice(slash + 1);
  if (slash >= 0 && !isDnsSubdomain(key.slice(0, slash))) {
    return `has label key "${key}" whose prefix is not a DNS-1123 subdomain`;
  }
  if (name.length > MAX_LABEL_VALUE_LENGTH || !NAME.test(name)) {
    return `has label key "${key}": a key's name has at most ${MAX_LABEL_VALUE_LENGTH} letters, digits, '-', '_' and '.', starting and ending with a letter or digit`;
  }
  return undefined;
}

function valueProblem(value: string): string | undefined {
  if (value === '' || (value.length <= MAX_LABEL_VALUE_LENGTH && NAME.test(value))) return undefined;
  return `has label value "${value}": a value has at most ${MAX_LABEL_VALUE_LENGTH} letters, digits, '-', '_' and '.', starting and ending with a letter or digit`;
}
