/** 127.0.0.0/8, ::1 and localhost ("host", "host:port" or "[v6]:port"): traffic that stays on this
 *  machine, so plain HTTP is allowed there, as docker allows it. */
export function isLoopbackHost(hostPort: string): boolean {
  let host = hostPort;
  if (host.startsWith('[')) host = host.slice(1, host.indexOf(']'));
  else if (host.includes(':')) host = host.slice(0, host.lastIndexOf(':'));
  host = host.toLowerCase();
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
