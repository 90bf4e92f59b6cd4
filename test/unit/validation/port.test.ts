import { validatePort } from '../../../lib/validation/port';

test('ports are integers in range', () => {
  expect(validatePort('port', 1)).toBe(1);
  expect(validatePort('port', 65535)).toBe(65535);
  expect(() => validatePort('port', 30000.5)).toThrow('invalid port 30000.5: must be an integer from 1 to 65535');
  expect(() => validatePort('node port', 80, 30000, 32767)).toThrow('invalid node port 80: must be an integer from 30000 to 32767');
});

test.each([0, -1, 65536, NaN, Infinity, 8080.1])('refuses port %p outside 1-65535 or not an integer', (port) => {
  expect(() => validatePort('port of listener "backend"', port))
    .toThrow(`invalid port of listener "backend" ${port}: must be an integer from 1 to 65535`);
});

test('the bounds are inclusive', () => {
  expect(validatePort('node port', 30000, 30000, 32767)).toBe(30000);
  expect(validatePort('node port', 32767, 30000, 32767)).toBe(32767);
  expect(() => validatePort('node port', 32768, 30000, 32767)).toThrow('invalid node port 32768: must be an integer from 30000 to 32767');
});
