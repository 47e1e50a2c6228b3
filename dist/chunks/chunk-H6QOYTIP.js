#!/usr/bin/env node
import { createRequire as __slipwayCreateRequire } from 'node:module';
import { fileURLToPath as __slipwayFileURLToPath } from 'node:url';
const require = __slipwayCreateRequire(import.meta.url);
const __filename = __slipwayFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf('/'));

// src/image/transport/hosts.ts
import { isIP } from "node:net";
import { connect } from "node:tls";
function splitHostPort(hostPort) {
  if (hostPort.startsWith("[")) {
    const end = hostPort.indexOf("]");
    const port = hostPort.slice(end + 1).replace(/^:/, "");
    return { host: hostPort.slice(1, end), port: port ? Number(port) : 443 };
  }
  const colon = hostPort.lastIndexOf(":");
  if (colon < 0) return { host: hostPort, port: 443 };
  return { host: hostPort.slice(0, colon), port: Number(hostPort.slice(colon + 1)) };
}
function isLoopbackHost(hostPort) {
  const host = splitHostPort(hostPort).host.toLowerCase();
  return host === "localhost" || host === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
function speaksTls(hostPort, timeoutMs = 5e3) {
  const { host, port } = splitHostPort(hostPort);
  return new Promise((resolve) => {
    const socket = connect({
      host,
      port,
      servername: isIP(host) ? void 0 : host,
      rejectUnauthorized: false,
      timeout: timeoutMs
    });
    const done = (answer) => {
      socket.destroy();
      resolve(answer);
    };
    socket.once("secureConnect", () => done(true));
    socket.once("error", () => done(false));
    socket.once("timeout", () => done(false));
  });
}

export {
  isLoopbackHost,
  speaksTls
};
