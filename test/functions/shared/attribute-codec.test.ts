import { fromRecord, toRecord } from '../../../functions/shared/attribute-codec';

describe('attribute codec', () => {
  it('round-trips the value types items use and drops undefined fields', () => {
    // Prepare
    const value = {
      s: 'x',
      n: 3,
      f: 1.5,
      b: false,
      l: ['a', 'b'],
      empty: [],
      m: { k: 'v' },
      z: null,
      u: undefined,
    };
    // Act
    const record = toRecord(value);
    // Assess
    expect(record.n).toEqual({ N: '3' });
    expect(record.l).toEqual({ L: [{ S: 'a' }, { S: 'b' }] });
    expect(record).not.toHaveProperty('u');
    const { u: _dropped, ...expected } = value;
    expect(fromRecord(record)).toEqual(expected);
  });

  it('refuses values DynamoDB cannot store rather than corrupting them', () => {
    // Act / Assess
    expect(() => toRecord({ f: () => 1 })).toThrow('cannot store a function in DynamoDB');
  });
});
