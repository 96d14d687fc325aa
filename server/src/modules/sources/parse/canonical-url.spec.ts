import { canonicaliseUrl, resolveHttpUrl } from './canonical-url';

describe('canonicaliseUrl', () => {
  it('strips trackers and fragments, lowercases the host and sorts the remaining parameters', () => {
    expect(
      canonicaliseUrl(
        'https://VnExpress.NET/bai-viet.html?utm_source=fb&z=2&fbclid=abc&a=1&gclid=x&UTM_Campaign=y#box',
      ),
    ).toBe('https://vnexpress.net/bai-viet.html?a=1&z=2');
    expect(canonicaliseUrl('http://example.vn:80/a?utm_medium=rss')).toBe('http://example.vn/a');
  });
});

describe('resolveHttpUrl', () => {
  it('resolves relative links, removes stray whitespace and refuses other schemes', () => {
    expect(resolveHttpUrl('tin/a.html', 'https://sggp.org.vn/giao-duc/')).toBe(
      'https://sggp.org.vn/giao-duc/tin/a.html',
    );
    expect(resolveHttpUrl('\n https://vnexpress.net/a.html \n')).toBe('https://vnexpress.net/a.html');
    expect(resolveHttpUrl('javascript:void(0)', 'https://sggp.org.vn/')).toBeUndefined();
    expect(resolveHttpUrl('mailto:a@b.vn')).toBeUndefined();
    expect(resolveHttpUrl('')).toBeUndefined();
  });
});
