import express from 'express';
import cors from 'cors';
import { account } from './routes/account';

const app = express();
app.use(express.json());

// Status pages of every region: eu.status.example.com, us-east.status.example.com, ...
const REGION_STATUS_PAGE = /^https:\/\/([a-z0-9-]+\.?)+status\.example\.com$/;  // expect: origin-regex-redos  // ok: permissive-origin-regex (every origin it accepts ends in .example.com)
app.use('/status', cors({ origin: REGION_STATUS_PAGE }));
app.get('/status', (req, res) => res.json({ ok: true }));

app.use('/account', account);

app.listen(process.env.PORT ?? 3000);
