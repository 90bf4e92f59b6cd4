/**
 * The label every object this library writes carries, so that one selector
 * (`app.kubernetes.io/part-of=cdk8s-skupper`) finds all of them: Namespaces, Sites, grants and
 * tokens included.
 */
export const PART_OF_LABELS: Readonly<Record<string, string>> = { 'app.kubernetes.io/part-of': 'cdk8s-skupper' };

/** The label naming the grant a grant's code Secret belongs to (its value is the grant name). */
export const GRANT_LABEL = 'cdk8s-skupper.io/grant';

/** The label naming the token a token's code Secret belongs to (its value is the token name). */
export const TOKEN_LABEL = 'cdk8s-skupper.io/token';
