import { fnv1a, taggedPairHash } from './story-signature';

describe('taggedPairHash', () => {
  it('is the hash of the joined string', () => {
    expect(taggedPairHash('t:', 'hoc', 'sinh')).toBe(fnv1a('t:hoc sinh'));
    expect(taggedPairHash('', 'đánh', '')).toBe(fnv1a('đánh '));
  });
});
