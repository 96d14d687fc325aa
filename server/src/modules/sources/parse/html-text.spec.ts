import { cleanInline, decodeEntities, htmlToText } from './html-text';

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

  it('normalises whitespace and Unicode form', () => {
    expect(cleanInline(' Tru\u031Bo\u031B\u0300ng\n\u00a0 học ')).toBe('Trường học');
    expect(decodeEntities('&bogus; &#0; &#x1F600;')).toBe('&bogus;  😀');
  });
});
