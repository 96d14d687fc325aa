/**
 * A linear look at an HTML page's shape before any tree is built: how deep its elements nest and how many there are.
 *
 * Both tree builders at hand are quadratic in nesting depth (parse5 walks its open-element stack for scope checks,
 * htmlparser2's Parser keeps its stack with `unshift`), so 50,000 nested `<blockquote>`s took 5 to 28 seconds to parse
 * before any walk. htmlparser2's Tokenizer alone is linear; this keeps its own stack of open tag names with the same
 * implied-close and void-element rules as htmlparser2's Parser, in amortised constant time per tag: an end tag whose
 * name is not open is ignored at once (a count per name says so) instead of searching the stack.
 */
import { Tokenizer } from 'htmlparser2';

import { ParseError } from '../parse/parse-error';

const VOID = new Set([
  'area',
  'base',
  'basefont',
  'br',
  'col',
  'command',
  'embed',
  'frame',
  'hr',
  'img',
  'input',
  'isindex',
  'keygen',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
]);

const P = new Set(['p']);
const FORM = new Set(['input', 'option', 'optgroup', 'select', 'button', 'datalist', 'textarea']);
const DDT = new Set(['dd', 'dt']);
const RTP = new Set(['rt', 'rp']);
const SECTION = new Set(['thead', 'tbody']);
/** htmlparser2's openImpliesClose: opening the key closes an open element of these names on top of the stack. */
const IMPLIES_CLOSE = new Map<string, ReadonlySet<string>>([
  ['tr', new Set(['tr', 'th', 'td'])],
  ['th', new Set(['th'])],
  ['td', new Set(['thead', 'th', 'td'])],
  ['body', new Set(['head', 'link', 'script'])],
  ['li', new Set(['li'])],
  ['option', new Set(['option'])],
  ['optgroup', new Set(['optgroup', 'option'])],
  ['dd', DDT],
  ['dt', DDT],
  ['rt', RTP],
  ['rp', RTP],
  ['tbody', SECTION],
  ['tfoot', SECTION],
  ...['select', 'input', 'output', 'button', 'datalist', 'textarea'].map((t): [string, ReadonlySet<string>] => [
    t,
    FORM,
  ]),
  ...[
    'p',
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'address',
    'article',
    'aside',
    'blockquote',
    'details',
    'div',
    'dl',
    'fieldset',
    'figcaption',
    'figure',
    'footer',
    'form',
    'header',
    'hr',
    'main',
    'nav',
    'ol',
    'pre',
    'section',
    'table',
    'ul',
  ].map((t): [string, ReadonlySet<string>] => [t, P]),
]);

export interface HtmlBounds {
  maxDepth: number;
  maxElements: number;
}

/** Throws HTML_TOO_DEEP or HTML_TOO_LARGE when the page's elements nest deeper or number more than the bounds. */
export function checkHtmlBounds(html: string, bounds: HtmlBounds): void {
  const stack: string[] = [];
  const open = new Map<string, number>();
  let elements = 0;
  let name = '';
  const push = (tag: string): void => {
    stack.push(tag);
    open.set(tag, (open.get(tag) ?? 0) + 1);
    if (stack.length > bounds.maxDepth) {
      throw new ParseError('HTML_TOO_DEEP', `refused: the page is nested deeper than ${bounds.maxDepth} levels`);
    }
  };
  const pop = (): void => {
    const tag = stack.pop();
    if (tag !== undefined) open.set(tag, (open.get(tag) ?? 1) - 1);
  };
  const noop = (): void => undefined;
  const tokenizer = new Tokenizer(
    { xmlMode: false, decodeEntities: false },
    {
      onopentagname(start, end) {
        name = html.slice(start, end).toLowerCase();
        elements++;
        if (elements > bounds.maxElements) {
          throw new ParseError('HTML_TOO_LARGE', `refused: the page holds more than ${bounds.maxElements} elements`);
        }
        const closes = IMPLIES_CLOSE.get(name);
        while (closes && stack.length > 0 && closes.has(stack[stack.length - 1] as string)) pop();
        if (!VOID.has(name)) push(name);
      },
      onselfclosingtag() {
        // HTML ignores the slash of a non-void element; only a foreign element (svg, math) really closes.
        if (!VOID.has(name) && (name === 'svg' || name === 'math' || open.get('svg') || open.get('math'))) pop();
      },
      onclosetag(start, end) {
        const tag = html.slice(start, end).toLowerCase();
        if (!open.get(tag)) return;
        while (stack.length > 0 && stack[stack.length - 1] !== tag) pop();
        pop();
      },
      onattribdata: noop,
      onattribentity: noop,
      onattribend: noop,
      onattribname: noop,
      oncdata: noop,
      oncomment: noop,
      ondeclaration: noop,
      onend: noop,
      onopentagend: noop,
      onprocessinginstruction: noop,
      ontext: noop,
      ontextentity: noop,
    },
  );
  tokenizer.write(html);
  tokenizer.end();
}
