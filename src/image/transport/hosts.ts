import { isIP } from 'node:net';
import { tls } from './http';

/** "host[:port]" or "[v6][:port]" as a host name and a port (443 when none is given). */
function splitHostPort(hostPort: string): { host: string; port: number } {
  if (hostPort.startsWith('[')) {
    const end = hostPort.indexOf(']');
    const port = hostPort.slice(end + 1).replace(/^:/, '');
    return { host: hostPort.slice(1, end), port: port ? Number(port) : 443 };
  }
  const colon = hostPort.lastIndexOf(':');
  if (colon < 0) return { host: hostPort, port: 443 };
  return { host: hostPort.slice(0, colon), port: Number(hostPort.slice(colon + 1)) };
}

/** 127.0.0.0/8, ::1 and localhost ("host", "host:port" or "[v6]:port"): traffic that stays on this
 *  machine, so plain HTTP is allowed there, as docker allows it. */
export function isLoopbackHost(hostPort: string): boolean {
  const host = splitHostPort(hostPort).host.toLowerCase();
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/**
 * Whether `hostPort` completes a TLS handshake (any certificate: only the protocol is asked;
 * nothing is sent after the handshake). Engines that cannot allow plain HTTP without also
 * skipping certificate checks (podman) are told a host is insecure only when it does not.
 */
export function speaksTls(hostPort: string, timeoutMs = 5000): Promise<boolean> {
  const { host, port } = splitHostPort(hostPort);
  return new Promise((resolve) => {
    const socket = tls().connect({
      host,
      port,
      servername: isIP(host) ? undefined : host,
      rejectUnauthorized: false,
      timeout: timeoutMs,
    });
    const done = (answer: boolean): void => {
      socket.destroy();
      resolve(answer);
    };
    socket.once('secureConnect', () => done(true));
    socket.once('error', () => done(false));
    socket.once('timeout', () => done(false));
  });
}
