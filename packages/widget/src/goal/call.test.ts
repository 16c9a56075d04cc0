import { describe, expect, it } from 'vitest';
import { goalCall } from './call';

// GOL-4: parley('goal', 'Title', EXAMPLE_VALUE), EXAMPLE_VALUE a number or a 'quoted text' of digits.
describe('goalCall', () => {
  it.each([
    [['Order', 49.95], { title: 'Order', value: '49.95' }],
    [[' Order ', '1299,95'], { title: 'Order', value: '1299.95' }],
    [['Order', ' 12 '], { title: 'Order', value: '12' }],
    [['Order', -3], { title: 'Order', value: '-3' }],
    [['Order', 0.1], { title: 'Order', value: '0.1' }],
    [['Order', '0.0001'], { title: 'Order', value: '0.0001' }],
    [['Signup'], { title: 'Signup', value: '' }],
    [['Signup', undefined], { title: 'Signup', value: '' }],
  ])('takes %j', (args, call) => {
    expect(goalCall(args)).toEqual(call);
  });

  it.each([
    ['EXAMPLE_VALUE', "'EXAMPLE_VALUE'"],
    ['twelve', "'twelve'"],
    ['', "''"],
    ['12.5 EUR', "'12.5 EUR'"],
    ['€12', "'€12'"],
    ['1.234,5', "'1.234,5'"],
    ['1.23456', "'1.23456'"],
    ['123456789012345', "'123456789012345'"],
    [Number.NaN, 'NaN'],
    [Infinity, 'Infinity'],
    [1e21, '1e+21'],
    [null, 'null'],
    [true, 'true'],
    [{ value: 3 }, 'an object'],
  ])('refuses the value %j with a console message', (value, shown) => {
    expect(goalCall(['Order', value])).toEqual({
      message: `parley('goal', 'Order', EXAMPLE_VALUE): the goal was not sent. EXAMPLE_VALUE must be a number (49.95) or a 'quoted text' of digits ('49,95'), not ${shown}.`,
    });
  });

  it.each([[[]], [[' ', 3]], [[42, 3]]])('refuses %j: no title', (args) => {
    expect(goalCall(args)).toEqual({
      message: "parley('goal', 'Title', EXAMPLE_VALUE): the goal was not sent. Its title is a 'quoted text'.",
    });
  });
});
