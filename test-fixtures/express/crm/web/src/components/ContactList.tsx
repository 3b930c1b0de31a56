import { useEffect, useState } from 'react';

type Contact = { id: number; name: string };

const CRM_API = 'http://crm-api.example.com';

export function ContactList({ team }: { team: string }) {
  const [contacts, setContacts] = useState<Contact[]>([]);

  useEffect(() => {
    fetch(`${CRM_API}/contacts?team=${team}`)
      .then((r) => r.json())
      .then((data: Contact[]) => setContacts(data));
  }, [team]);

  return (
    <ul>
      {contacts.map((c) => (
        <li key={c.id}>{c.name}</li>
      ))}
    </ul>
  );
}
