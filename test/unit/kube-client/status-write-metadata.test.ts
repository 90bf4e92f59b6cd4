import { statusWriteMetadata } from '../../../lib/kube-client/status-write-metadata';

test('a status write carries the metadata without managedFields, and without touching the object read', () => {
  const metadata = { name: 'g', resourceVersion: '7', managedFields: [{ manager: 'x' }] };
  expect(statusWriteMetadata(metadata)).toEqual({ name: 'g', resourceVersion: '7' });
  expect(metadata.managedFields).toHaveLength(1);
  expect(statusWriteMetadata(undefined)).toEqual({});
});
