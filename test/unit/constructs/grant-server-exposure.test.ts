import { GrantServerExposure, GrantServerSettingNames, resolveGrantServerEndpoint } from '../../../lib/constructs/grant-server-exposure';

const NAMES: GrantServerSettingNames = { site: 'site "west"', host: 'host', exposure: 'exposure', port: 'port', nodePort: 'nodePort' };

test('LoadBalancer on port 9090 by default; the URL port is the Service port', () => {
  expect(resolveGrantServerEndpoint({ host: 'g.example.com' }, NAMES))
    .toEqual({ host: 'g.example.com', exposure: GrantServerExposure.LOAD_BALANCER, port: 9090, urlPort: 9090 });
  expect(resolveGrantServerEndpoint({ host: '192.0.2.1', exposure: GrantServerExposure.CLUSTER_IP, port: 8443 }, NAMES))
    .toEqual({ host: '192.0.2.1', exposure: GrantServerExposure.CLUSTER_IP, port: 8443, urlPort: 8443 });
});

test('NodePort: the URL port is the node port, which is required and in 30000-32767', () => {
  const nodePort = (value?: number) => resolveGrantServerEndpoint({ host: 'g.example.com', exposure: GrantServerExposure.NODE_PORT, nodePort: value }, NAMES);
  expect(nodePort(30000)).toEqual({ host: 'g.example.com', exposure: GrantServerExposure.NODE_PORT, port: 9090, urlPort: 30000 });
  expect(nodePort(32767).urlPort).toBe(32767);
  expect(() => nodePort(undefined))
    .toThrow('site "west" exposes its grant server as NodePort but sets no nodePort (30000-32767): it is the port written into tokens');
  expect(() => nodePort(32768)).toThrow('invalid nodePort of site "west" 32768: must be an integer from 30000 to 32767');
});

test.each([GrantServerExposure.INGRESS_NGINX, GrantServerExposure.ROUTE])('%s: the URL port is 443, and the host must be a DNS name', (exposure) => {
  expect(resolveGrantServerEndpoint({ host: 'g.example.com', exposure, port: 8443 }, NAMES))
    .toEqual({ host: 'g.example.com', exposure, port: 8443, urlPort: 443 });
  for (const ip of ['192.0.2.1', 'fd00::1']) {
    expect(() => resolveGrantServerEndpoint({ host: ip, exposure }, NAMES))
      .toThrow(`host "${ip}" of site "west" is an IP address, but ${exposure} exposure routes by host name: use a DNS name`);
  }
});

test('a node port is ignored unless the exposure is NodePort', () => {
  expect(resolveGrantServerEndpoint({ host: 'g.example.com', nodePort: 1 }, NAMES).urlPort).toBe(9090);
});

test('refuses an unknown exposure, a bad port and a host that is neither a DNS name nor an IP address', () => {
  expect(() => resolveGrantServerEndpoint({ host: 'g.example.com', exposure: 'Gateway' as GrantServerExposure }, NAMES))
    .toThrow('invalid exposure "Gateway" of site "west": must be one of LoadBalancer, NodePort, ClusterIP, IngressNginx, Route');
  expect(() => resolveGrantServerEndpoint({ host: 'g.example.com', port: 0 }, NAMES))
    .toThrow('invalid port of site "west" 0: must be an integer from 1 to 65535');
  expect(() => resolveGrantServerEndpoint({ host: 'https://g.example.com' }, NAMES)).toThrow(/invalid host "https:\/\/g.example.com"/);
});
