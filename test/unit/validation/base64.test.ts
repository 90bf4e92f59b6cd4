import { isStrictBase64 } from '../../../lib/validation/base64';

test.each(['', 'YQ==', 'YWI=', 'YWJj', 'a+/9'])('%p is canonical padded base64', (value) => {
  expect(isStrictBase64(value)).toBe(true);
});

test.each(['YQ', 'YQ=', 'Y Q==', 'YQ==\n', 'YW-j', 'YW_j', '====', 'YQ=a'])('%p is not', (value) => {
  expect(isStrictBase64(value)).toBe(false);
});
