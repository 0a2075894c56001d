import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { OutboundFetchError } from '../../lib/errors';
import { addressJudge, describeUrl, type OutboundAddressRules } from '../../lib/outbound/addressRules';
import type { OutboundFetcher, OutboundRequest, OutboundResponse } from '../../lib/outbound/outboundFetcher';

/**
 * OutboundFetcher on node:http(s). The connection goes to the address the rules
 * judged: the socket's own DNS lookup is the checked one, so a name that resolves
 * to a public address for the check and to 169.254.169.254 for the connect
 * (DNS rebinding) cannot slip through. No redirects are followed (a redirect
 * could point anywhere), no keep-alive pool outlives a request.
 */
export function nodeOutboundFetcher(rules: OutboundAddressRules, resolve: typeof dnsLookup = dnsLookup): OutboundFetcher {
  const judge = addressJudge(rules);
  return {
    fetch(request, options = {}) {
      let url: URL;
      try {
        url = new URL(request.url);
      } catch {
        return Promise.reject(new OutboundFetchError('refused-address', 'the URL is not a valid absolute URL'));
      }
      try {
        judge.checkUrl(url);
      } catch (error) {
        return Promise.reject(error);
      }
      const checkedLookup: LookupFunction = (hostname, lookupOptions, callback) => {
        resolve(hostname, { ...lookupOptions, all: true }, (error, addresses) => {
          if (error) return callback(error, '', 4);
          const list = addresses as unknown as LookupAddress[];
          try {
            for (const a of list) judge.checkAddress(a.address, url.host);
          } catch (refused) {
            return callback(refused as NodeJS.ErrnoException, '', 4);
          }
          if (lookupOptions.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list);
          const first = list[0];
          if (!first) return callback(new Error('no address') as NodeJS.ErrnoException, '', 4);
          callback(null, first.address, first.family);
        });
      };
      return send(url, request, checkedLookup, options.signal);
    },
  };
}

function send(url: URL, request: OutboundRequest, lookup: LookupFunction, callSignal?: AbortSignal): Promise<OutboundResponse> {
  const where = describeUrl(url);
  return new Promise<OutboundResponse>((resolvePromise, reject) => {
    const timeout = AbortSignal.timeout(Math.max(1, request.timeoutMs));
    const signal = callSignal ? AbortSignal.any([callSignal, timeout]) : timeout;
    let settled = false;
    const fail = (error: OutboundFetchError) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      req.destroy();
      reject(error);
    };
    const onAbort = () =>
      fail(
        new OutboundFetchError(
          'timeout',
          `${where} gave no answer within ${request.timeoutMs} ms (or the call's budget ran out); abandoned`,
        ),
      );
    if (signal.aborted) {
      reject(new OutboundFetchError('timeout', `${where}: no time left in the budget`));
      return;
    }
    const body = request.body === undefined ? undefined : Buffer.from(request.body, 'utf8');
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(url, {
      method: request.method,
      lookup,
      agent: false,
      headers: {
        accept: request.expect === 'json' ? 'application/json' : 'text/calendar, text/plain, */*',
        'user-agent': 'kazoo-pivot-serverless',
        ...(body && { 'content-type': 'application/json', 'content-length': String(body.length) }),
        ...request.headers,
      },
    });
    signal.addEventListener('abort', onAbort, { once: true });
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error instanceof OutboundFetchError) return fail(error);
      fail(new OutboundFetchError('network', `${where}: ${error.code ?? error.message}`, { cause: error }));
    });
    req.on('response', (res: IncomingMessage) => {
      const status = res.statusCode ?? 0;
      if (status < 200 || status >= 300) {
        res.resume();
        return fail(new OutboundFetchError('http-status', `${where} answered ${status}`, { status }));
      }
      const declared = Number(res.headers['content-length']);
      if (Number.isFinite(declared) && declared > request.maxBytes) {
        return fail(new OutboundFetchError('too-large', `${where} announced ${declared} bytes; the cap is ${request.maxBytes}`));
      }
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > request.maxBytes) return fail(new OutboundFetchError('too-large', `${where} sent more than ${request.maxBytes} bytes`));
        chunks.push(chunk);
      });
      res.on('error', (error) => fail(new OutboundFetchError('network', `${where}: ${error.message}`, { cause: error })));
      res.on('end', () => {
        if (settled) return;
        const text = Buffer.concat(chunks).toString('utf8');
        if (request.expect === 'text') return finish({ status, text });
        try {
          finish({ status, json: JSON.parse(text) as unknown });
        } catch {
          fail(new OutboundFetchError('not-json', `${where} answered something that is not JSON`));
        }
      });
    });
    const finish = (response: OutboundResponse) => {
      settled = true;
      signal.removeEventListener('abort', onAbort);
      resolvePromise(response);
    };
    req.end(body);
  });
}
