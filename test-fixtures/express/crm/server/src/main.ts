import express from 'express';
import cors from 'cors';

const app = express();

const origins = ['https://crm.example.com', 'crm-staging.example.com'];  // expect: mixed-content-origin, malformed-origin

app.use(cors({ origin: origins, exposedHeaders: ['X-Total-Count'] }));

app.get('/contacts', (_req, res) => {
  res.setHeader('X-Total-Count', '0');
  res.json([]);
});

app.listen(Number(process.env.PORT ?? 8000));
