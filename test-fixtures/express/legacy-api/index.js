'use strict';

var express = require('express');
var app = express();

// Allow the intranet tools to call us from wherever they are hosted.
app.use(function (req, res, next) {
  res.header('Access-Control-Allow-Origin', req.headers.origin);  // expect: origin-reflection, missing-vary-origin
  res.header('Access-Control-Allow-Credentials', 'true');
  res.header('Access-Control-Allow-Methods', 'GET,PUT,POST,DELETE,OPTIONS');
  res.header('Access-Control-Allow-Headers', 'Origin, X-Requested-With, Content-Type, Accept, Authorization');  // ok: header-not-allowed
  res.header('Access-Control-Max-Age', '1 day');  // expect: excessive-max-age
  res.header('Access-Control-Allow-Private-Network', 'true');  // expect: private-network-access
  if (req.method === 'OPTIONS') {
    return res.sendStatus(200);
  }
  next();
});

app.get('/employees', function (req, res) {
  res.json([{ id: 7, name: 'Ada' }]);
});

app.put('/employees/:id', function (req, res) {
  res.json({ id: req.params.id });
});

app.delete('/employees/:id', function (req, res) {
  res.sendStatus(204);
});

module.exports = app;

if (require.main === module) {
  app.listen(process.env.PORT || 3001);
}
