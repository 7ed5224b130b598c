import { describe, expect, it } from 'vitest';
import { renderMail } from './templates.js';

describe('mail templates', () => {
  it('writes the verification code in English and French, text and HTML', () => {
    const template = { name: 'verification_code' as const, requestId: 'req_1', code: '042917', expiresAt: new Date('2025-05-01T08:30:00Z') };
    const en = renderMail(template, 'en');
    const fr = renderMail(template, 'fr');
    expect(en.subject).toBe('Your verification code: 042917');
    expect(fr.subject).toBe('Votre code de vérification : 042917');
    expect(en.text).toContain('enter this code: 042917');
    expect(fr.html).toContain('saisissez ce code : 042917');
    expect(fr.html).toMatch(/^<!doctype html><html lang="fr">/);
  });

  it('links the download and the report in the completion email, escaping HTML', () => {
    const mail = renderMail(
      { name: 'completed', requestId: 'req_1', type: 'ACCESS', downloadUrl: 'http://x/exports/e?token=a&b', reportUrl: 'http://x/reports/r', linkExpiresAt: new Date('2025-05-08T00:00:00Z') },
      'en',
    );
    expect(mail.text).toContain('Download your data: http://x/exports/e?token=a&b');
    expect(mail.html).toContain('<a href="http://x/exports/e?token=a&amp;b">Download your data</a>');
    expect(mail.text).toContain('This link works until 8 May 2025');
    expect(mail.text.endsWith('\n\nThe data protection team')).toBe(true);
    expect(renderMail({ name: 'completed', requestId: 'req_1', type: 'ACCESS', downloadUrl: 'http://x/e', reportUrl: 'http://x/r', linkExpiresAt: null }, 'fr').text).toContain('Télécharger vos données : http://x/e');
  });

  it('says when the answer is due', () => {
    const mail = renderMail({ name: 'received', requestId: 'req_9', type: 'ACCESS', dueAt: new Date('2025-06-01T08:00:00Z') }, 'fr');
    expect(mail.subject).toBe('Nous avons reçu votre demande req_9');
    expect(mail.text).toContain("votre demande d'accès à vos données (référence req_9)");
    expect(mail.text).toContain('au plus tard le 1 juin 2025');
  });
});
