import { messageOf } from './message-of';

test("an Error's message, or anything else thrown as text", () => {
  expect(messageOf(new TypeError('Failed to fetch'))).toBe('Failed to fetch');
  expect(messageOf('plain')).toBe('plain');
  expect(messageOf(42)).toBe('42');
  expect(messageOf(undefined)).toBe('undefined');
});
