import type { PipelinePolicy } from '@azure/core-rest-pipeline';

/**
 * Asks for the connection to be kept for the next request. In VS Code's extension host, the proxy support patches
 * Node's `https` (`@vscode/proxy-agent`) and gives every request an agent of its own without keep-alive, so Node
 * would send `Connection: close` and each Azure request would open a new TLS connection, for which VS Code builds a
 * secure context with every system CA certificate (tens of milliseconds of extension-host CPU per request, which does
 * not overlap). With the header set, the patched agent keeps the socket and the next request reuses it. The user's
 * proxy and certificate settings still apply to every connection that is opened.
 */
export const connectionReusePolicy: PipelinePolicy = {
  name: 'asrFailbackConnectionReuse',
  sendRequest(request, next) {
    if (!request.headers.has('Connection')) {
      request.headers.set('Connection', 'keep-alive');
    }
    return next(request);
  },
};
