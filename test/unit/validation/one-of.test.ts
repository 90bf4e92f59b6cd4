import { validateOneOf } from '../../../lib/validation/one-of';

enum Color {
  RED = 'red',
  GREEN = 'green',
  /** @deprecated an alias: listed once in messages */
  CRIMSON = 'red',
}

describe('validateOneOf', () => {
  test('returns a value of the enum', () => {
    expect(validateOneOf('color', Color.GREEN, Color)).toBe('green');
    expect(validateOneOf('color', Color.CRIMSON, Color)).toBe('red');
  });

  test('names the field, the value, what it belongs to and the allowed values, each once', () => {
    expect(() => validateOneOf('color', 'blue' as Color, Color)).toThrow(new Error('invalid color "blue": must be one of red, green'));
    expect(() => validateOneOf('color', 'blue' as Color, Color, 'site "west"'))
      .toThrow(new Error('invalid color "blue" of site "west": must be one of red, green'));
  });
});
