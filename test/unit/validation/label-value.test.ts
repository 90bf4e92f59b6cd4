import { MAX_LABEL_VALUE_LENGTH, validateLabelValueName } from '../../../lib/validation/label-value';

test('the limit is the API server\'s 63 characters', () => {
  expect(MAX_LABEL_VALUE_LENGTH).toBe(63);
});

test('accepts a name of up to 63 characters', () => {
  expect(validateLabelValueName('grant name', 'link-east', 'cdk8s-skupper.io/grant')).toBe('link-east');
  const longest = 'a'.repeat(63);
  expect(validateLabelValueName('grant name', longest, 'cdk8s-skupper.io/grant')).toBe(longest);
});

test('refuses a longer name, saying its length, the limit and the label it is written to', () => {
  const name = 'a'.repeat(64);
  expect(() => validateLabelValueName('token name', name, 'cdk8s-skupper.io/token')).toThrow(
    `invalid token name "${name}": it has 64 characters, but at most 63 are allowed, since it is also the value of the label ` +
    'cdk8s-skupper.io/token, which the API server limits to 63 characters');
});
