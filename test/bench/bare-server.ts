// The ceiling for scenario 'inform': a node:http server that answers a CWMP session with canned
// bytes (InformResponse, then 204 to the empty POST) without parsing or storing anything. Same
// HTTP stack and keep-alive settings as the ACS listener, so the ratio shows what DeskACS's own
// work (parse, store durably, build) costs. Run as a child process by test/bench/run.ts.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

const INFORM_RESPONSE = Buffer.from(
  '<soap-env:Envelope xmlns:soap-env="http://schemas.xmlsoap.org/soap/envelope/" xmlns:soap-enc="http://schemas.xmlsoap.org/soap/encoding/" ' +
    'xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:cwmp="urn:dslforum-org:cwmp-1-0">' +
    '<soap-env:Header><cwmp:ID soap-env:mustUnderstand="1">1</cwmp:ID></soap-env:Header><soap-env:Body>' +
    '<cwmp:InformResponse><MaxEnvelopes>1</MaxEnvelopes></cwmp:InformResponse></soap-env:Body></soap-env:Envelope>',
);
const HEADERS = {
  'Content-Type': 'text/xml; charset="utf-8"',
  'Content-Length': INFORM_RESPONSE.length,
  SOAPServer: 'bare',
  'Set-Cookie': 'deskacs_session=00000000000000000000000000000000; Path=/; HttpOnly',
};

const server = createServer({ keepAliveTimeout: 30_000 }, (req, res) => {
  // The Content-Length header is already parsed by node:http; the body is drained, not read.
  const empty = req.headers['content-length'] === '0';
  req.resume();
  req.on('end', () => {
    if (empty) res.writeHead(204).end();
    else res.writeHead(200, HEADERS).end(INFORM_RESPONSE);
  });
});
server.listen(0, '127.0.0.1', () => {
  console.log(`listening on ${(server.address() as AddressInfo).port}`);
});
process.on('SIGTERM', () => {
  server.close(() => process.exit(0));
  server.closeAllConnections();
});
