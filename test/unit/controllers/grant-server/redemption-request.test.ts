import { grantKeyFromUrl, requesterFromHeaders } from '../../../../lib/controllers/grant-server/redemption-request';

test('only /<namespace>/<name> names a grant', () => {
  expect(grantKeyFromUrl('/west/grant-west')).toEqual({ namespace: 'west', name: 'grant-west' });
  expect(grantKeyFromUrl('/west/grant-west?x=1')).toEqual({ namespace: 'west', name: 'grant-west' });
  for (const url of ['/', '/west', '/west/', '/west/grant-west/', '//west/g', '/west/g/x', '/0a4c8a5e-uid', '/West/g', '/west/g%2Fx', '/../west/g', undefined]) {
    expect(grantKeyFromUrl(url)).toBeUndefined();
  }
});

test('name defaults to the grant name and subject to the name, as Skupper', () => {
  expect(requesterFromHeaders({}, 'grant-west')).toEqual({ name: 'grant-west', subject: 'grant-west' });
  expect(requesterFromHeaders({ name: 'token-to-west' }, 'g')).toEqual({ name: 'token-to-west', subject: 'token-to-west' });
  expect(requesterFromHeaders({ name: 'token-to-west', subject: '3f1c2a9e-5b7d-4e8f-9a0b-1c2d3e4f5a6b' }, 'g'))
    .toEqual({ name: 'token-to-west', subject: '3f1c2a9e-5b7d-4e8f-9a0b-1c2d3e4f5a6b' });
});

test('names that cannot be object names and subjects that cannot be a CN are refused', () => {
  expect(requesterFromHeaders({ name: 'Bad_Name' }, 'g')).toHaveProperty('invalid');
  expect(requesterFromHeaders({ name: 'a'.repeat(241) }, 'g')).toHaveProperty('invalid');
  expect(requesterFromHeaders({ subject: 'x'.repeat(65) }, 'g')).toHaveProperty('invalid');
  expect(requesterFromHeaders({ subject: 'tab\there' }, 'g')).toHaveProperty('invalid');
});
