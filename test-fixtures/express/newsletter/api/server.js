const express = require('express');
const cors = require('cors');

const app = express();
app.use(express.json());
app.use(cors());  // expect: wildcard-with-credentials

app.post('/subscriptions', (req, res) => {
  res.status(201).json({ email: req.body && req.body.email });
});

app.delete('/subscriptions/:email', (req, res) => {
  res.status(204).end();
});

app.listen(process.env.PORT || 3030);
