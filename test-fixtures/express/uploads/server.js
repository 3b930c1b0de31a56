const express = require('express');

const app = express();
const FILES_ORIGIN = 'https://files.example.com';

// Browsers ask before uploading with PUT.
app.options('/upload/:name', (req, res) => {
  res.set({  // expect: missing-allow-origin
    'Access-Control-Allow-Methods': 'PUT',
    'Access-Control-Allow-Headers': 'Content-Type, Content-MD5',
    'Access-Control-Max-Age': '7200',  // ok: excessive-max-age
  });
  res.sendStatus(204);  // expect: preflight-not-handled
});

app.put('/upload/:name', (req, res) => {
  res.set('Access-Control-Allow-Origin', FILES_ORIGIN);
  res.status(201).json({ name: req.params.name });
});

app.listen(process.env.PORT || 5000);
