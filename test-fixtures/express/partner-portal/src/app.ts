import express from 'express';
import cors from 'cors';

import { corsOptions } from './cors';
import { invoices } from './routes/invoices';

export const app = express();

app.use(cors(corsOptions));
app.use(express.json({ limit: '1mb' }));
app.use('/invoices', invoices);
