import { validateNonNegativeInteger, validatePositiveInteger } from '../../../lib/validation/integers';

test.each([1, 2, 1000])('accepts positive integer %p', (value) => {
  expect(validatePositiveInteger('cost', value, 'token "t"')).toBe(value);
});

test.each([0, -1, 1.5, NaN, Infinity])('refuses %p as a positive integer, naming the field and its owner', (value) => {
  expect(() => validatePositiveInteger('cost', value, 'token "t"')).toThrow(`invalid cost ${value} of token "t": must be a positive integer`);
});

test.each([0, 1, 7])('accepts non-negative integer %p', (value) => {
  expect(validateNonNegativeInteger('rotation of site "west"', value)).toBe(value);
});

test.each([-1, 0.5, NaN])('refuses %p as a non-negative integer', (value) => {
  expect(() => validateNonNegativeInteger('rotation of site "west"', value))
    .toThrow(`invalid rotation of site "west" ${value}: must be a non-negative integer`);
});
