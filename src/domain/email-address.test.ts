import { collectAddresses, isValidEmailAddress } from './email-address';

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

test('addresses are trimmed, invalid ones dropped, duplicates removed ignoring case keeping the first spelling', () => {
  expect(collectAddresses(['  Info@Rossi.it ', 'bad@', 'info@rossi.IT', 'amm@rossi.it', undefined])).toEqual([
    'Info@Rossi.it',
    'amm@rossi.it',
  ]);
});

test('addresses already taken elsewhere (e.g. in To) are left out', () => {
  expect(collectAddresses(['agent@x.it', 'AMM@rossi.it'], new Set(['amm@rossi.it']))).toEqual(['agent@x.it']);
});
