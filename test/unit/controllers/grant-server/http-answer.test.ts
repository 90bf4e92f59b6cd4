import { errorAnswer, linkBundleAnswer, NOT_FOUND_ANSWER } from '../../../../lib/controllers/grant-server/http-answer';

test('errors look like Go http.Error output', () => {
  expect(errorAnswer(405, 'Only POST is supported')).toEqual({
    status: 405,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' },
    body: Buffer.from('Only POST is supported\n'),
  });
  expect(NOT_FOUND_ANSWER.status).toBe(404);
  expect(NOT_FOUND_ANSWER.body.toString()).toBe('No such claim\n');
});

test('the bundle is never cached', () => {
  expect(linkBundleAnswer('---\n').headers['Cache-Control']).toBe('no-store');
});
