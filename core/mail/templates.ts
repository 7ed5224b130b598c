import type { Language, RequestType } from '../requests.js';

/** The emails a subject receives, each in English and French, plain text and HTML. */
export type MailTemplate =
  | { name: 'received'; requestId: string; type: RequestType; dueAt: Date }
  | { name: 'verification_code'; requestId: string; code: string; expiresAt: Date }
  | { name: 'completed'; requestId: string; type: RequestType; downloadUrl: string | null; reportUrl: string; linkExpiresAt: Date | null };

export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

const TYPE_NAMES: Record<Language, Record<RequestType, string>> = {
  en: {
    ACCESS: 'access to your data',
    PORTABILITY: 'a copy of your data to take elsewhere',
    ERASURE: 'erasure of your data',
    RECTIFICATION: 'correction of your data',
    RESTRICTION: 'restriction of processing',
    OBJECTION: 'objection to processing',
  },
  fr: {
    ACCESS: "d'accès à vos données",
    PORTABILITY: 'de portabilité de vos données',
    ERASURE: "d'effacement de vos données",
    RECTIFICATION: 'de rectification de vos données',
    RESTRICTION: 'de limitation du traitement',
    OBJECTION: "d'opposition au traitement",
  },
};

/** One paragraph per entry; `{link}` entries become anchors in HTML. */
type Block = string | { link: string; label: string };

function lines(template: MailTemplate, lang: Language): { subject: string; blocks: Block[] } {
  const en = lang === 'en';
  const date = (d: Date) => d.toLocaleString(en ? 'en-GB' : 'fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }) + ' UTC';
  switch (template.name) {
    case 'received':
      return {
        subject: en ? `We received your request ${template.requestId}` : `Nous avons reçu votre demande ${template.requestId}`,
        blocks: en
          ? [`We received your request for ${TYPE_NAMES.en[template.type]} (reference ${template.requestId}).`, 'We will send you a code to confirm that the request is yours.', `We will answer by ${date(template.dueAt)} at the latest.`]
          : [`Nous avons reçu votre demande ${TYPE_NAMES.fr[template.type]} (référence ${template.requestId}).`, 'Nous allons vous envoyer un code pour confirmer que la demande vient bien de vous.', `Nous vous répondrons au plus tard le ${date(template.dueAt)}.`],
      };
    case 'verification_code':
      return {
        subject: en ? `Your verification code: ${template.code}` : `Votre code de vérification : ${template.code}`,
        blocks: en
          ? [`To confirm your request ${template.requestId}, enter this code: ${template.code}`, `The code works until ${date(template.expiresAt)}.`, 'If you did not make this request, ignore this email: nothing will happen.']
          : [`Pour confirmer votre demande ${template.requestId}, saisissez ce code : ${template.code}`, `Le code est valable jusqu'au ${date(template.expiresAt)}.`, "Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : rien ne se passera."],
      };
    case 'completed': {
      const blocks: Block[] = [
        en ? `Your request ${template.requestId} for ${TYPE_NAMES.en[template.type]} is complete.` : `Votre demande ${TYPE_NAMES.fr[template.type]} (référence ${template.requestId}) est traitée.`,
      ];
      if (template.downloadUrl) {
        blocks.push({ link: template.downloadUrl, label: en ? 'Download your data' : 'Télécharger vos données' });
        if (template.linkExpiresAt) blocks.push(en ? `This link works until ${date(template.linkExpiresAt)}.` : `Ce lien est valable jusqu'au ${date(template.linkExpiresAt)}.`);
      }
      blocks.push({ link: template.reportUrl, label: en ? 'The signed completion report' : 'Le rapport de traitement signé' });
      return { subject: en ? `Your request ${template.requestId} is complete` : `Votre demande ${template.requestId} est traitée`, blocks };
    }
  }
}

export function renderMail(template: MailTemplate, language: Language): MailContent {
  const { subject, blocks } = lines(template, language);
  const signature = language === 'en' ? 'The data protection team' : "L'équipe protection des données";
  // French sets a space before a colon.
  const colon = language === 'fr' ? ' :' : ':';
  const text = [...blocks.map((b) => (typeof b === 'string' ? b : `${b.label}${colon} ${b.link}`)), signature].join('\n\n');
  const body = blocks.map((b) => (typeof b === 'string' ? `<p>${escapeHtml(b)}</p>` : `<p><a href="${escapeHtml(b.link)}">${escapeHtml(b.label)}</a></p>`));
  const html = `<!doctype html><html lang="${language}"><body>${body.join('')}<p>${escapeHtml(signature)}</p></body></html>`;
  return { subject, text, html };
}

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
