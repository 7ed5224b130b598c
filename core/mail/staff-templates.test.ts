import { describe, expect, it } from 'vitest';
import { renderMail } from './templates.js';

const due = new Date('2025-06-01T08:00:00Z');

describe('emails to staff', () => {
  it('reminds of a deadline: which request, by when, how many days are left', () => {
    const template = { name: 'deadline_reminder' as const, requestId: 'req_7', type: 'ERASURE' as const, dueAt: due, daysLeft: 3 };
    const en = renderMail(template, 'en');
    expect(en.subject).toBe('Request req_7 is due in 3 days');
    expect(en.text).toContain('Request req_7 (erasure) must be answered by 1 June 2025 at 08:00 UTC, in 3 days.');
    expect(en.text).toContain('extend it by up to two months');
    expect(en.text.endsWith('\n\nGardien (automatic message)')).toBe(true);
    const fr = renderMail(template, 'fr');
    expect(fr.subject).toBe('La demande req_7 arrive à échéance dans 3 jours');
    expect(fr.text).toContain('La demande req_7 (effacement) doit recevoir une réponse au plus tard le 1er juin 2025 à 08:00 UTC, soit dans 3 jours.');
    expect(renderMail({ ...template, daysLeft: 1 }, 'fr').subject).toBe('La demande req_7 arrive à échéance dans 1 jour');
    expect(renderMail({ ...template, daysLeft: 1 }, 'en').subject).toBe('Request req_7 is due in 1 day');
    expect(renderMail({ ...template, daysLeft: 0 }, 'en').subject).toBe('Request req_7 is due today');
    expect(renderMail({ ...template, daysLeft: 0 }, 'fr').text).toContain("soit aujourd'hui.");
  });

  it('says a request is overdue and since when', () => {
    const template = { name: 'overdue' as const, requestId: 'req_8', type: 'ACCESS' as const, dueAt: due };
    const en = renderMail(template, 'en');
    expect(en.subject).toBe('Request req_8 is overdue');
    expect(en.text).toContain('Request req_8 (access) was due on 1 June 2025 at 08:00 UTC and is still open: the legal deadline has passed.');
    const fr = renderMail(template, 'fr');
    expect(fr.subject).toBe('La demande req_8 est en retard');
    expect(fr.text).toContain('le délai légal est dépassé');
  });

  it('hands a manual task over with its instructions, line by line and escaped, and its id to confirm it', () => {
    const template = {
      name: 'manual_task' as const,
      taskId: 'task_42',
      requestId: 'req_9',
      type: 'ERASURE' as const,
      system: 'paper-archive',
      instructions: 'Shred folder "12" <Durand>\nThen sign the register & date it.',
      dueAt: due,
      reminder: false,
    };
    const en = renderMail(template, 'en');
    expect(en.subject).toBe('Manual task for request req_9 on paper-archive');
    expect(en.text).toContain('Request req_9 (erasure) needs you to act by hand on paper-archive, by 1 June 2025 at 08:00 UTC:\n\nShred folder "12" <Durand>\nThen sign the register & date it.');
    expect(en.text).toContain('confirm task task_42 in Gardien (completeManualTask)');
    expect(en.html).toContain('<p>Shred folder &quot;12&quot; &lt;Durand&gt;<br>Then sign the register &amp; date it.</p>');
    expect(en.text).not.toContain('Reminder');
    const reminder = renderMail({ ...template, reminder: true }, 'fr');
    expect(reminder.subject).toBe('Rappel : tâche manuelle pour la demande req_9 sur paper-archive');
    expect(reminder.text).toMatch(/^Rappel : cette tâche est toujours ouverte\.\n\nLa demande req_9 \(effacement\) nécessite une action manuelle de votre part sur paper-archive, au plus tard le 1er juin 2025 à 08:00 UTC :/);
    expect(reminder.text).toContain('confirmez la tâche task_42');
    expect(renderMail({ ...template, reminder: true }, 'en').subject).toBe('Reminder: manual task for request req_9 on paper-archive');
  });

  it('names the system that failed and its error, escaped, on one subject line', () => {
    const template = { name: 'system_failed' as const, requestId: 'req_10', type: 'ACCESS' as const, system: 'billing-db', error: 'connect ECONNREFUSED <10.0.0.5>' };
    const en = renderMail(template, 'en');
    expect(en.subject).toBe('Request req_10: billing-db failed');
    expect(en.text).toContain('Request req_10 (access) could not be completed on billing-db.\n\nError: connect ECONNREFUSED <10.0.0.5>');
    expect(en.text).toContain('npx gardien connectors test billing-db');
    expect(en.html).toContain('Error: connect ECONNREFUSED &lt;10.0.0.5&gt;');
    const fr = renderMail({ ...template, system: 'crm\r\nBcc: x@evil.example' }, 'fr');
    expect(fr.subject).toBe('Demande req_10 : échec sur crm Bcc: x@evil.example');
    expect(fr.text).toContain('Erreur : connect ECONNREFUSED <10.0.0.5>');
  });
});
