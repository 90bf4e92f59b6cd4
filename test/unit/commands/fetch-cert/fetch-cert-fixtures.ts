import * as fs from 'fs';
import * as path from 'path';

// What a sealed-secrets controller in kube-system serves: the example's certificate, through its Service.
export const WEST_PEM = fs.readFileSync(path.join(__dirname, '..', '..', '..', '..', 'apps', 'certs', 'west.pem'), 'utf8');
export const SERVICE_PATH = '/api/v1/namespaces/kube-system/services/sealed-secrets-controller';
export const PROXY_PATH = '/api/v1/namespaces/kube-system/services/http:sealed-secrets-controller:http/proxy/v1/cert.pem';
export const SECRETS_PATH = '/api/v1/namespaces/kube-system/secrets';
export const SERVICE = { kind: 'Service', metadata: { name: 'sealed-secrets-controller' }, spec: { ports: [{ name: 'http', port: 8080, targetPort: 8080 }] } };
