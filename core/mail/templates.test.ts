import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../requests.js';
import { renderMail, type MailTemplate } from './templates.js';

const due = new Date('2025-06-01T08:00:00Z');
const earlier = new Date('2025-05-01T08:00:00Z');

/** One of each email, with every optional field left out where the type allows it. */
const EVERY_MAIL: MailTemplate[] = [
  { name: 'received', requestId: 'req_a1', type: 'ACCESS', dueAt: due },
  { name: 'verification_code', requestId: 'req_a2', code: '042917', expiresAt: due },
  { name: 'in_progress', requestId: 'req_a3', type: 'PORTABILITY', dueAt: due },
  { name: 'deadline_extended', requestId: 'req_a4', type: 'ERASURE', previousDueAt: earlier, dueAt: due, reason: 'Twelve systems to search' },
  { name: 'completed', requestId: 'req_a5', type: 'ERASURE', downloadUrl: null, reportUrl: 'http://x/reports/r', linkExpiresAt: null },
  { name: 'rejected', requestId: 'req_a6', type: 'ACCESS', reason: 'dpo', detail: null },
  { name: 'cancelled', requestId: 'req_a7', type: 'ACCESS', by: 'subject', reason: null, reportUrl: null },
  { name: 'deadline_reminder', requestId: 'req_a8', type: 'RECTIFICATION', dueAt: due, daysLeft: 5 },
  { name: 'overdue', requestId: 'req_a9', type: 'RESTRICTION', dueAt: due },
  { name: 'manual_task', taskId: 'task_1', requestId: 'req_b1', type: 'ERASURE', system: 'paper-archive', instructions: 'Shred folder 12', dueAt: due, reminder: false },
  { name: 'system_failed', requestId: 'req_b2', type: 'OBJECTION', system: 'crm', error: 'connection refused' },
];

describe('every email', () => {
  it.each(EVERY_MAIL.flatMap((t) => LANGUAGES.map((lang) => [t.name, lang, t] as const)))('%s (%s) names its request, reads as words and is a whole HTML page', (_name, lang, template) => {
    const mail = renderMail(template, lang);
    for (const part of [mail.subject, mail.text, mail.html]) {
      if (part !== mail.subject) expect(part).toContain(template.requestId);
      expect(part).not.toMatch(/undefined|null|NaN|\[object|\d{4}-\d{2}-\d{2}T/);
    }
    if ('dueAt' in template) expect(mail.text).toContain(lang === 'en' ? '1 June 2025 at 08:00 UTC' : '1er juin 2025 à 08:00 UTC');
    expect(mail.html).toMatch(new RegExp(`^<!doctype html><html lang="${lang}"><body><p>.*</p></body></html>$`));
    if (lang === 'fr') expect(mail.text).not.toMatch(/\S[:;?!](\s|$)/); // French: a space before two-part punctuation
  });
});

describe('emails to the person who filed the request', () => {
  it('writes the verification code in English and French, text and HTML', () => {
    const template = { name: 'verification_code' as const, requestId: 'req_1', code: '042917', expiresAt: new Date('2025-05-01T08:30:00Z') };
    const en = renderMail(template, 'en');
    const fr = renderMail(template, 'fr');
    expect(en.subject).toBe('Your verification code: 042917');
    expect(fr.subject).toBe('Votre code de vérification : 042917');
    expect(en.text).toContain('enter this code: 042917');
    expect(fr.html).toContain('saisissez ce code : 042917');
    expect(fr.text).toContain("Le code est valable jusqu'au 1er mai 2025 à 08:30 UTC.");
  });

  it('says when the answer is due, on receipt and once work starts', () => {
    const received = renderMail({ name: 'received', requestId: 'req_9', type: 'ACCESS', dueAt: due }, 'fr');
    expect(received.subject).toBe('Nous avons reçu votre demande req_9');
    expect(received.text).toContain("votre demande d'accès à vos données (référence req_9)");
    expect(received.text).toContain('au plus tard le 1er juin 2025 à 08:00 UTC');
    const started = renderMail({ name: 'in_progress', requestId: 'req_9', type: 'ACCESS', dueAt: due }, 'en');
    expect(started.subject).toBe('We are working on your request req_9');
    expect(started.text).toContain('We confirmed that the request for access to your data (reference req_9) is yours');
    expect(started.text).toContain('We will answer by 1 June 2025 at 08:00 UTC at the latest.');
  });

  it('gives the new date of an extended deadline, the old one and why', () => {
    const template = { name: 'deadline_extended' as const, requestId: 'req_4', type: 'ERASURE' as const, previousDueAt: earlier, dueAt: due, reason: 'Your records are in 12 archives' };
    const en = renderMail(template, 'en');
    expect(en.subject).toBe('More time needed for your request req_4');
    expect(en.text).toContain('Why: Your records are in 12 archives');
    expect(en.text).toContain('We will now answer by 1 June 2025 at 08:00 UTC at the latest, instead of 1 May 2025 at 08:00 UTC.');
    expect(en.text).toContain('Article 12(3)');
    const fr = renderMail(template, 'fr');
    expect(fr.text).toContain('Motif : Your records are in 12 archives');
    expect(fr.text).toContain('au plus tard le 1er juin 2025 à 08:00 UTC, au lieu du 1er mai 2025 à 08:00 UTC.');
  });

  it('links the download with its expiry, the readable report and the signed one, escaping HTML', () => {
    const template = {
      name: 'completed' as const,
      requestId: 'req_1',
      type: 'ACCESS' as const,
      downloadUrl: 'http://x/exports/e?token=a&b',
      reportUrl: 'http://x/reports/r',
      reportPageUrl: 'http://x/reports/r.html',
      linkExpiresAt: new Date('2025-05-08T00:00:00Z'),
      encrypted: true,
    };
    const mail = renderMail(template, 'en');
    expect(mail.subject).toBe('Your request req_1 is complete');
    expect(mail.text).toContain('Download your data: http://x/exports/e?token=a&b\n\nThis link works until 8 May 2025 at 00:00 UTC.');
    expect(mail.html).toContain('<a href="http://x/exports/e?token=a&amp;b">Download your data</a>');
    expect(mail.text).toContain('The ZIP file opens with the passphrase you chose');
    expect(mail.text).toContain('Read the completion report: http://x/reports/r.html');
    expect(mail.text).toContain('The signed completion report: http://x/reports/r\n');
    expect(mail.text.endsWith('\n\nThe data protection team')).toBe(true);
    const fr = renderMail(template, 'fr');
    expect(fr.text).toContain('Télécharger vos données : http://x/exports/e?token=a&b');
    expect(fr.text).toContain("Le fichier ZIP s'ouvre avec la phrase secrète que vous avez choisie");
    expect(fr.html).toContain('<a href="http://x/reports/r.html">Lire le rapport de traitement</a>');
  });

  it('leaves out what a completion does not have: no download, no passphrase, no readable page', () => {
    const mail = renderMail({ name: 'completed', requestId: 'req_2', type: 'ACCESS', downloadUrl: null, reportUrl: 'http://x/reports/r', linkExpiresAt: null }, 'en');
    expect(mail.text).not.toMatch(/Download|link works|passphrase|Read the completion report/);
    expect(mail.text).toContain('The signed completion report: http://x/reports/r');
  });

  it('says when an erasure kept records by law, and how many', () => {
    const erasure = { name: 'completed' as const, requestId: 'req_3', type: 'ERASURE' as const, downloadUrl: null, reportUrl: 'http://x/r', linkExpiresAt: null };
    expect(renderMail({ ...erasure, retained: 4 }, 'en').text).toContain('We erased your data, except 4 records that the law requires us to keep. The report gives the legal basis for each and until when it is kept.');
    expect(renderMail({ ...erasure, retained: 1 }, 'en').text).toContain('except 1 record that');
    expect(renderMail({ ...erasure, retained: 1 }, 'fr').text).toContain('sauf 1 enregistrement que la loi nous oblige à conserver. Le rapport indique pour chacun la base légale');
    expect(renderMail({ ...erasure, retained: 0 }, 'en').text).not.toContain('law requires');
    expect(renderMail({ ...erasure, type: 'ACCESS', retained: 4 }, 'en').text).not.toContain('erased');
  });

  it('says in words why a request was rejected, and that a new one may be filed', () => {
    const base = { name: 'rejected' as const, requestId: 'req_5', type: 'ACCESS' as const, detail: null };
    const timeout = renderMail({ ...base, reason: 'verification_timeout' }, 'en');
    expect(timeout.subject).toBe('We could not confirm your request req_5');
    expect(timeout.text).toContain('We did not receive the code confirming your request');
    expect(timeout.text).toContain('You may file a new request at any time.');
    expect(renderMail({ ...base, reason: 'verification_failed' }, 'fr').text).toContain('a été mal saisi trop de fois');
    const dpo = renderMail({ ...base, reason: 'dpo', detail: 'Manifestly <unfounded> & repetitive' }, 'fr');
    expect(dpo.subject).toBe('Votre demande req_5 a été refusée');
    expect(dpo.text).toContain('Motif : Manifestly <unfounded> & repetitive');
    expect(dpo.html).toContain('<p>Motif : Manifestly &lt;unfounded&gt; &amp; repetitive</p>');
    expect(dpo.text).toContain('réclamation auprès d\'une autorité de contrôle');
    expect(dpo.text).toContain('Vous pouvez déposer une nouvelle demande à tout moment.');
  });

  it('says who cancelled a request, why, and links what was done before', () => {
    const base = { name: 'cancelled' as const, requestId: 'req_6', type: 'ERASURE' as const, reason: null, reportUrl: null };
    const bySubject = renderMail({ ...base, by: 'subject' }, 'en');
    expect(bySubject.subject).toBe('Your request req_6 was cancelled');
    expect(bySubject.text).toContain('As you asked, we cancelled your request for erasure of your data (reference req_6).');
    expect(bySubject.text).not.toContain('report');
    const byDpo = renderMail({ ...base, by: 'dpo', reason: 'Filed twice', reportUrl: 'http://x/reports/r' }, 'fr');
    expect(byDpo.text).toContain('Notre délégué à la protection des données a annulé votre demande');
    expect(byDpo.text).toContain('Motif : Filed twice');
    expect(byDpo.text).toContain("Le rapport signé de ce qui a été fait avant l'annulation : http://x/reports/r");
  });
});
