import { cleanInline, decodeEntities, htmlToText, MAX_FRAGMENT_CHARS } from './html-text';

describe('htmlToText', () => {
  it('strips the VnExpress <a><img></a></br> prefix and keeps block boundaries as spaces', () => {
    expect(htmlToText('<a href="x"><img src="y"></a></br>Học sinh <b>Gò Vấp</b>')).toBe('Học sinh Gò Vấp');
    expect(htmlToText('<p>Một</p><p>Hai<br>Ba</p>')).toBe('Một Hai Ba');
  });

  it('drops scripts, styles and comments, and decodes entities after removing tags', () => {
    expect(
      htmlToText('A<script>alert("x")</script> B<!-- c --><style>p{}</style> &lt;b&gt; &ocirc; &#7889; &amp;'),
    ).toBe('A B <b> ô ố &');
    expect(htmlToText('Trước <script>không đóng')).toBe('Trước');
  });

  it('handles hostile unterminated markup without backtracking', () => {
    const hostile = '<a'.repeat(50_000) + '<!--'.repeat(20_000) + '<script'.repeat(20_000);
    // Unclosed "<a" is left as text; an unclosed comment swallows the rest, as a browser would.
    expect(htmlToText(hostile)).toBe('<a'.repeat(50_000));
  });

  it('removes many hidden elements in one linear pass, however the openers mix', () => {
    // One <style> at the very end: a pass that searches for every opener from each cut point rescans the whole rest
    // of the text once per <script>, which is quadratic.
    const many = 'x<script>s</script>'.repeat(100_000) + '<style>y</style>z';
    const started = Date.now();
    expect(htmlToText(many.slice(0, MAX_FRAGMENT_CHARS))).toMatch(/^x x x/);
    expect(htmlToText('a<script>1</script>b<!--c-->d<style>2</style>e<noscript>3</noscript>f')).toBe('a b d e f');
    // A "does not hang" bound, far above the few milliseconds this takes.
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('normalises whitespace and Unicode form', () => {
    expect(cleanInline(' Tru\u031Bo\u031B\u0300ng\n\u00a0 học ')).toBe('Trường học');
    expect(decodeEntities('&bogus; &#0; &#x1F600;')).toBe('&bogus;  😀');
  });
});
