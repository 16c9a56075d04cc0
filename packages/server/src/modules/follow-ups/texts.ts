import type { Language } from '@parley/protocol';

/**
 * The fixed texts of follow-up emails, in the visitor's language: the language of the chat window they used (the
 * campaign's, CMP-2). `{name}` is who the email comes from, `{date}` the chat's day.
 */
export type EmailTexts = {
  transcriptSubject: string;
  transcriptHeading: string;
  transcriptIntro: string;
  answerSubject: string;
  answerHeading: string;
  answerIntro: string;
  /** The link back to the conversation, on the website where it started. */
  answerLink: string;
  answerLinkText: string;
  you: string;
  agent: string;
  file: string;
  why: string;
  unsubscribe: string;
  /** The unsubscribe page. */
  unsubscribeTitle: string;
  unsubscribeQuestion: string;
  unsubscribeButton: string;
  unsubscribeDone: string;
  unsubscribeInvalid: string;
  /** The preview's sample conversation (a manager sees the email with it). */
  sampleQuestion: string;
  sampleAnswer: string;
};

export const emailTexts: Record<Language, EmailTexts> = {
  en: {
    transcriptSubject: 'Your conversation with {name}',
    transcriptHeading: 'Thank you for chatting with us',
    transcriptIntro: 'Here is a copy of your conversation of {date}.',
    answerSubject: '{name} answered your message',
    answerHeading: 'You have an answer',
    answerIntro: 'We answered the message you left us:',
    answerLink: 'Continue the conversation',
    answerLinkText: 'Reply in the chat on our website, where your conversation continues:',
    you: 'You',
    agent: 'Agent',
    file: 'File: {file}',
    why: 'You receive this email because you left your email address in our chat.',
    unsubscribe: 'Unsubscribe from these emails',
    unsubscribeTitle: 'Unsubscribe',
    unsubscribeQuestion: 'Stop sending follow-up emails about chats to {email}?',
    unsubscribeButton: 'Unsubscribe',
    unsubscribeDone: 'Done: {email} will get no more follow-up emails from us.',
    unsubscribeInvalid: 'This unsubscribe link is not valid. Use the link from the email as it is.',
    sampleQuestion: 'Hello, does the blue jacket come in size M?',
    sampleAnswer: 'Hi! Yes, size M is in stock and ships within two days.',
  },
  nl: {
    transcriptSubject: 'Uw gesprek met {name}',
    transcriptHeading: 'Bedankt voor uw chat met ons',
    transcriptIntro: 'Hier is een kopie van uw gesprek van {date}.',
    answerSubject: '{name} heeft uw bericht beantwoord',
    answerHeading: 'U hebt een antwoord',
    answerIntro: 'We hebben het bericht beantwoord dat u voor ons achterliet:',
    answerLink: 'Verder met het gesprek',
    answerLinkText: 'Antwoord in de chat op onze website, waar uw gesprek verdergaat:',
    you: 'U',
    agent: 'Medewerker',
    file: 'Bestand: {file}',
    why: 'U ontvangt deze e-mail omdat u uw e-mailadres in onze chat hebt achtergelaten.',
    unsubscribe: 'Afmelden voor deze e-mails',
    unsubscribeTitle: 'Afmelden',
    unsubscribeQuestion: 'Geen follow-up-e-mails over chats meer sturen naar {email}?',
    unsubscribeButton: 'Afmelden',
    unsubscribeDone: 'Gelukt: {email} krijgt geen follow-up-e-mails meer van ons.',
    unsubscribeInvalid: 'Deze afmeldlink is niet geldig. Gebruik de link uit de e-mail zoals hij is.',
    sampleQuestion: 'Hallo, is de blauwe jas er ook in maat M?',
    sampleAnswer: 'Hallo! Ja, maat M is op voorraad en wordt binnen twee dagen verzonden.',
  },
  de: {
    transcriptSubject: 'Ihr Gespräch mit {name}',
    transcriptHeading: 'Danke für Ihren Chat mit uns',
    transcriptIntro: 'Hier ist eine Kopie Ihres Gesprächs vom {date}.',
    answerSubject: '{name} hat Ihre Nachricht beantwortet',
    answerHeading: 'Sie haben eine Antwort',
    answerIntro: 'Wir haben die Nachricht beantwortet, die Sie uns hinterlassen haben:',
    answerLink: 'Gespräch fortsetzen',
    answerLinkText: 'Antworten Sie im Chat auf unserer Website, wo Ihr Gespräch weitergeht:',
    you: 'Sie',
    agent: 'Mitarbeiter',
    file: 'Datei: {file}',
    why: 'Sie erhalten diese E-Mail, weil Sie in unserem Chat Ihre E-Mail-Adresse angegeben haben.',
    unsubscribe: 'Diese E-Mails abbestellen',
    unsubscribeTitle: 'Abbestellen',
    unsubscribeQuestion: 'Keine Follow-up-E-Mails zu Chats mehr an {email} senden?',
    unsubscribeButton: 'Abbestellen',
    unsubscribeDone: 'Erledigt: {email} erhält keine Follow-up-E-Mails mehr von uns.',
    unsubscribeInvalid:
      'Dieser Abbestell-Link ist nicht gültig. Verwenden Sie den Link aus der E-Mail unverändert.',
    sampleQuestion: 'Hallo, gibt es die blaue Jacke auch in Größe M?',
    sampleAnswer: 'Hallo! Ja, Größe M ist vorrätig und wird innerhalb von zwei Tagen versandt.',
  },
  fr: {
    transcriptSubject: 'Votre conversation avec {name}',
    transcriptHeading: 'Merci d’avoir discuté avec nous',
    transcriptIntro: 'Voici une copie de votre conversation du {date}.',
    answerSubject: '{name} a répondu à votre message',
    answerHeading: 'Vous avez une réponse',
    answerIntro: 'Nous avons répondu au message que vous nous avez laissé :',
    answerLink: 'Reprendre la conversation',
    answerLinkText: 'Répondez dans le chat de notre site, où votre conversation continue :',
    you: 'Vous',
    agent: 'Conseiller',
    file: 'Fichier : {file}',
    why: 'Vous recevez cet e-mail parce que vous avez laissé votre adresse e-mail dans notre chat.',
    unsubscribe: 'Se désabonner de ces e-mails',
    unsubscribeTitle: 'Se désabonner',
    unsubscribeQuestion: 'Ne plus envoyer d’e-mails de suivi des chats à {email} ?',
    unsubscribeButton: 'Se désabonner',
    unsubscribeDone: 'C’est fait : {email} ne recevra plus d’e-mails de suivi de notre part.',
    unsubscribeInvalid: 'Ce lien de désabonnement n’est pas valide. Utilisez le lien de l’e-mail tel quel.',
    sampleQuestion: 'Bonjour, la veste bleue existe-t-elle en taille M ?',
    sampleAnswer: 'Bonjour ! Oui, la taille M est en stock et part sous deux jours.',
  },
  es: {
    transcriptSubject: 'Su conversación con {name}',
    transcriptHeading: 'Gracias por chatear con nosotros',
    transcriptIntro: 'Aquí tiene una copia de su conversación del {date}.',
    answerSubject: '{name} ha respondido a su mensaje',
    answerHeading: 'Tiene una respuesta',
    answerIntro: 'Hemos respondido al mensaje que nos dejó:',
    answerLink: 'Continuar la conversación',
    answerLinkText: 'Responda en el chat de nuestro sitio web, donde continúa su conversación:',
    you: 'Usted',
    agent: 'Agente',
    file: 'Archivo: {file}',
    why: 'Recibe este correo porque dejó su dirección de correo electrónico en nuestro chat.',
    unsubscribe: 'Darse de baja de estos correos',
    unsubscribeTitle: 'Darse de baja',
    unsubscribeQuestion: '¿Dejar de enviar correos de seguimiento de chats a {email}?',
    unsubscribeButton: 'Darse de baja',
    unsubscribeDone: 'Hecho: {email} no recibirá más correos de seguimiento nuestros.',
    unsubscribeInvalid:
      'Este enlace para darse de baja no es válido. Use el enlace del correo tal como está.',
    sampleQuestion: 'Hola, ¿la chaqueta azul está en talla M?',
    sampleAnswer: '¡Hola! Sí, la talla M está disponible y se envía en dos días.',
  },
};

/** Puts values into a text's `{placeholders}` (values are plain text; HTML escaping is the caller's). */
export function fill(text: string, values: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (m, k: string) => values[k] ?? m);
}
