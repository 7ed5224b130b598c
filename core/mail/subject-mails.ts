import type { Language } from '../requests.js';
import type { SubjectMail } from './templates.js';
import { TYPE_NAMES, count, longDate, type Block, type Letter } from './wording.js';

type Of<N extends SubjectMail['name']> = Extract<SubjectMail, { name: N }>;

const NEW_REQUEST: Record<Language, string> = {
  en: 'You may file a new request at any time.',
  fr: 'Vous pouvez déposer une nouvelle demande à tout moment.',
};

/** What the person who filed the request reads at each step. */
export function subjectLetter(template: SubjectMail, lang: Language): Letter {
  const en = lang === 'en';
  const date = (d: Date) => longDate(d, lang);
  const id = template.requestId;
  const kind = 'type' in template ? TYPE_NAMES[lang][template.type] : '';
  switch (template.name) {
    case 'received':
      return {
        subject: en ? `We received your request ${id}` : `Nous avons reçu votre demande ${id}`,
        blocks: en
          ? [`We received your request for ${kind} (reference ${id}).`, 'We will send you a code to confirm that the request is yours.', `We will answer by ${date(template.dueAt)} at the latest.`]
          : [`Nous avons reçu votre demande ${kind} (référence ${id}).`, 'Nous allons vous envoyer un code pour confirmer que la demande vient bien de vous.', `Nous vous répondrons au plus tard le ${date(template.dueAt)}.`],
      };
    case 'verification_code':
      return {
        subject: en ? `Your verification code: ${template.code}` : `Votre code de vérification : ${template.code}`,
        blocks: en
          ? [`To confirm your request ${id}, enter this code: ${template.code}`, `The code works until ${date(template.expiresAt)}.`, 'If you did not make this request, ignore this email: nothing will happen.']
          : [`Pour confirmer votre demande ${id}, saisissez ce code : ${template.code}`, `Le code est valable jusqu'au ${date(template.expiresAt)}.`, "Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : rien ne se passera."],
      };
    case 'in_progress':
      return {
        subject: en ? `We are working on your request ${id}` : `Nous traitons votre demande ${id}`,
        blocks: en
          ? [`We confirmed that the request for ${kind} (reference ${id}) is yours, and we have started working on it in each of our systems.`, 'You will receive another email when it is done.', `We will answer by ${date(template.dueAt)} at the latest.`]
          : [`Nous avons confirmé que la demande ${kind} (référence ${id}) vient bien de vous, et nous avons commencé à la traiter dans chacun de nos systèmes.`, 'Vous recevrez un autre message une fois le traitement terminé.', `Nous vous répondrons au plus tard le ${date(template.dueAt)}.`],
      };
    case 'deadline_extended':
      return {
        subject: en ? `More time needed for your request ${id}` : `Délai prolongé pour votre demande ${id}`,
        blocks: en
          ? [
              `We need more time to answer your request for ${kind} (reference ${id}).`,
              `Why: ${template.reason}`,
              `We will now answer by ${date(template.dueAt)} at the latest, instead of ${date(template.previousDueAt)}.`,
              'The GDPR (Article 12(3)) allows up to two more months when requests are complex or numerous. If you disagree, you may contact us or complain to a data protection authority.',
            ]
          : [
              `Nous avons besoin de plus de temps pour répondre à votre demande ${kind} (référence ${id}).`,
              `Motif : ${template.reason}`,
              `Nous vous répondrons au plus tard le ${date(template.dueAt)}, au lieu du ${date(template.previousDueAt)}.`,
              "Le RGPD (article 12, paragraphe 3) permet de prolonger le délai de deux mois au plus lorsque les demandes sont complexes ou nombreuses. Si vous n'êtes pas d'accord, vous pouvez nous contacter ou saisir une autorité de contrôle (en France, la CNIL).",
            ],
      };
    case 'completed':
      return { subject: en ? `Your request ${id} is complete` : `Votre demande ${id} est traitée`, blocks: completedBlocks(template, lang, kind) };
    case 'rejected':
      return rejected(template, lang, kind);
    case 'cancelled': {
      const blocks: Block[] = [
        template.by === 'subject'
          ? en ? `As you asked, we cancelled your request for ${kind} (reference ${id}).` : `Comme vous nous l'avez demandé, nous avons annulé votre demande ${kind} (référence ${id}).`
          : en ? `Our data protection officer cancelled your request for ${kind} (reference ${id}).` : `Notre délégué à la protection des données a annulé votre demande ${kind} (référence ${id}).`,
      ];
      if (template.reason) blocks.push(en ? `Reason: ${template.reason}` : `Motif : ${template.reason}`);
      if (template.reportUrl) blocks.push({ link: template.reportUrl, label: en ? 'The signed report of what was done before the cancellation' : "Le rapport signé de ce qui a été fait avant l'annulation" });
      blocks.push(NEW_REQUEST[lang]);
      return { subject: en ? `Your request ${id} was cancelled` : `Votre demande ${id} a été annulée`, blocks };
    }
  }
}

function completedBlocks(template: Of<'completed'>, lang: Language, kind: string): Block[] {
  const en = lang === 'en';
  const id = template.requestId;
  const blocks: Block[] = [en ? `Your request ${id} for ${kind} is complete.` : `Votre demande ${kind} (référence ${id}) est traitée.`];
  if (template.type === 'ERASURE' && template.retained) {
    const kept = count(template.retained, lang, en ? 'record' : 'enregistrement', en ? 'records' : 'enregistrements');
    blocks.push(
      en
        ? `We erased your data, except ${kept} that the law requires us to keep. The report gives the legal basis for each and until when it is kept.`
        : `Nous avons effacé vos données, sauf ${kept} que la loi nous oblige à conserver. Le rapport indique pour chacun la base légale et jusqu'à quand il est conservé.`,
    );
  }
  if (template.downloadUrl) {
    blocks.push({ link: template.downloadUrl, label: en ? 'Download your data' : 'Télécharger vos données' });
    if (template.linkExpiresAt) blocks.push(en ? `This link works until ${longDate(template.linkExpiresAt, lang)}.` : `Ce lien est valable jusqu'au ${longDate(template.linkExpiresAt, lang)}.`);
    if (template.encrypted) blocks.push(en ? 'The ZIP file opens with the passphrase you chose when you made the request.' : "Le fichier ZIP s'ouvre avec la phrase secrète que vous avez choisie en faisant la demande.");
  }
  if (template.reportPageUrl) blocks.push({ link: template.reportPageUrl, label: en ? 'Read the completion report' : 'Lire le rapport de traitement' });
  blocks.push({ link: template.reportUrl, label: en ? 'The signed completion report' : 'Le rapport de traitement signé' });
  blocks.push(en ? 'Its signature lets anyone check that the report comes from us and was not changed.' : "Sa signature permet à chacun de vérifier que le rapport vient de nous et n'a pas été modifié.");
  return blocks;
}

function rejected(template: Of<'rejected'>, lang: Language, kind: string): Letter {
  const en = lang === 'en';
  const id = template.requestId;
  if (template.reason === 'dpo') {
    const blocks: Block[] = [en ? `Our data protection officer declined your request for ${kind} (reference ${id}).` : `Notre délégué à la protection des données a refusé votre demande ${kind} (référence ${id}).`];
    if (template.detail) blocks.push(en ? `Reason: ${template.detail}` : `Motif : ${template.detail}`);
    blocks.push(
      en
        ? 'You may complain to a data protection authority or seek a judicial remedy.'
        : "Vous pouvez introduire une réclamation auprès d'une autorité de contrôle (en France, la CNIL) ou former un recours juridictionnel.",
      NEW_REQUEST[lang],
    );
    return { subject: en ? `Your request ${id} was declined` : `Votre demande ${id} a été refusée`, blocks };
  }
  const why =
    template.reason === 'verification_timeout'
      ? en
        ? `We did not receive the code confirming your request for ${kind} (reference ${id}) in time, so we closed the request.`
        : `Nous n'avons pas reçu à temps le code qui confirme votre demande ${kind} (référence ${id}) : nous l'avons donc clôturée.`
      : en
        ? `The code confirming your request for ${kind} (reference ${id}) was entered wrongly too many times, so we closed the request to protect your data.`
        : `Le code qui confirme votre demande ${kind} (référence ${id}) a été mal saisi trop de fois : nous l'avons clôturée pour protéger vos données.`;
  const nothing = en ? 'None of your data was looked at or changed.' : "Aucune de vos données n'a été consultée ni modifiée.";
  return { subject: en ? `We could not confirm your request ${id}` : `Nous n'avons pas pu confirmer votre demande ${id}`, blocks: [why, nothing, NEW_REQUEST[lang]] };
}
