import { collectAddresses, isBareAddress, isValidEmailAddress } from './email-address';

test.each([
  ['amministrazione@rossi.it', true],
  ['a@b.co', true],
  ['first.last+tag@sub.example.com', true],
  ['a@b..c', true], // a dot with something on both sides (another dot counts as something)
  ['a@@b.it', false],
  ['a@b@c.it', false],
  ['a b@c.it', false],
  ['a\t@c.it', false],
  ['a@c.it\u00a0x', false], // a no-break space is \s in JavaScript
  ['@rossi.it', false],
  ['info@rossi', false],
  ['info@.it', false],
  ['info@rossi.', false],
  ['info@.', false],
  ['', false],
])('%j is valid: %s', (address, valid) => {
  expect(isValidEmailAddress(address)).toBe(valid);
});

test.each([
  ['"x"<evil@x.com>', 'a display name before the address'],
  ['<evil@x.com>', 'an address in angle brackets'],
  ['"john"@rossi.it', 'a quoted local part'],
  ['info\u0000@rossi.it', 'NUL'],
  ['info@rossi.it\u0007', 'a control character'],
  ['info\u007f@rossi.it', 'DEL'],
  ['info\u0085@rossi.it', 'a C1 control'],
  ['info@ro\u200bssi.it', 'a zero-width space'],
  ['info@ro\u200cssi.it', 'a zero-width non-joiner'],
  ['info@ro\u200dssi.it', 'a zero-width joiner'],
  ['info@ro\u2060ssi.it', 'a word joiner'],
  ['info@\ufeffrossi.it', 'a byte-order mark'],
  ['info@ro\u00adssi.it', 'a soft hyphen'],
  ...['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069'].map(
    (bidi) => [`info@${bidi}rossi.it`, `bidi control U+${bidi.charCodeAt(0).toString(16)}`],
  ),
  ['info\ud800@rossi.it', 'a lone surrogate'],
  ['info\ue000@rossi.it', 'a private-use character'],
])('%j is not a bare address: %s', (address) => {
  expect(isBareAddress(address)).toBe(false);
});

test("the engine's validity rule stays as written: one @, no \\s, a dot after the @ (the border refuses the rest)", () => {
  expect(isValidEmailAddress('<evil@x.com>')).toBe(true);
  expect(isValidEmailAddress('info@ro\u200bssi.it')).toBe(true); // U+200B is not \s
});

test.each([
  ["o'brien@rossi.ie"],
  ['info@città.it'],
  ['amministrazione@rossi.it'],
  ['a/b=c?d!e#f$g%h&i*j^k_l`m{n|o}p~q-r@x.it'],
  ['用户@例子.广告'],
])('an unusual but bare address stays valid: %j', (address) => {
  expect(isValidEmailAddress(address)).toBe(true);
  expect(isBareAddress(address)).toBe(true);
});

test('addresses are trimmed, invalid ones dropped, duplicates removed ignoring case keeping the first spelling', () => {
  expect(collectAddresses(['  Info@Rossi.it ', 'bad@', 'info@rossi.IT', 'amm@rossi.it', undefined])).toEqual([
    'Info@Rossi.it',
    'amm@rossi.it',
  ]);
});

test('addresses already taken elsewhere (e.g. in To) are left out', () => {
  expect(collectAddresses(['agent@x.it', 'AMM@rossi.it'], new Set(['amm@rossi.it']))).toEqual(['agent@x.it']);
});
