import { Router, Request, Response } from 'express';

export const invoices = Router();

invoices.get('/', (req: Request, res: Response) => {
  res.json([]);
});

invoices.post('/', (req: Request, res: Response) => {
  res.status(201).json({ id: 'inv_1' });
});

invoices.delete('/:id', (req: Request, res: Response) => {
  res.status(204).send();
});
