'use strict';
// Starts one corslint fixture application for the live test.
//
// Usage: PORT=<port> node run-fixture.js <fixture-file>   (.js, .cjs or .ts)
//
// Fixtures are written the way real applications are: some call app.listen(process.env.PORT || 3000),
// others export the app for a separate server file. Every listen() is pinned to 127.0.0.1 and to PORT,
// so whatever the fixture asks for, the server is reachable on loopback only; an exported app that
// nobody started is started here. 'LISTENING <port>' on stdout tells the test the server is up.
const net = require('net');
const path = require('path');

const port = Number(process.env.PORT);
const fixture = process.argv[2];
if (!port || !fixture) {
  console.error('usage: PORT=<port> node run-fixture.js <fixture-file>');
  process.exit(2);
}

let listening = false;
const originalListen = net.Server.prototype.listen;
net.Server.prototype.listen = function pinnedListen(...args) {
  const callback = args.find((a) => typeof a === 'function');
  this.once('listening', () => {
    if (!listening) {
      listening = true;
      process.stdout.write('LISTENING ' + port + '\n');
    }
  });
  return originalListen.call(this, port, '127.0.0.1', callback);
};

// TypeScript fixtures are transpiled as they load (types dropped, ES modules turned into CommonJS), the way
// ts-node's transpile-only mode runs them.
require.extensions['.ts'] = function loadTypeScript(module, filename) {
  const ts = require('typescript');
  const source = require('fs').readFileSync(filename, 'utf8');
  const out = ts.transpileModule(source, {
    fileName: filename,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2020,
      esModuleInterop: true,
    },
  });
  module._compile(out.outputText, filename);
};

const exported = require(path.resolve(fixture));
const app = exported && typeof exported.listen === 'function' ? exported
  : exported && exported.app && typeof exported.app.listen === 'function' ? exported.app
  : exported && exported.default && typeof exported.default.listen === 'function' ? exported.default
  : null;

setImmediate(() => {
  if (listening) return;
  if (app) {
    app.listen(port);
  } else {
    console.error('the fixture neither listens nor exports an app');
    process.exit(3);
  }
});
