const express = require('express');
const cors = require('cors');

const app = express();

function authenticate(req, res, next) {
  const header = req.headers.authorization;
  if (!header || !header.startsWith('Bearer ')) {
    return res.status(401).json({ error: 'unauthenticated' });
  }
  next();
}

app.use(authenticate);
app.use(cors({ origin: 'https://console.example.com', credentials: true }));  // expect: middleware-order

app.get('/projects', (req, res) => res.json([]));
app.delete('/projects/:id', (req, res) => res.status(204).end());

app.listen(process.env.PORT || 3100);
