import { Router } from 'express';
import cors from 'cors';

const accountCors = cors({
  origin: ['https://account.example.com'],  // expect: missing-allow-origin
  credentials: true,
});

export const account = Router();

account.get('/', accountCors, (req, res) => {
  res.json({ plan: 'pro' });
});

account.patch('/', accountCors, (req, res) => {  // expect: preflight-not-handled
  res.json({ ...req.body });
});
