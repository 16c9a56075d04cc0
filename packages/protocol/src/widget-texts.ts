import type { Language } from './common.js';

/** Every fixed text the widget shows, per widget language (CMP-2). Campaign texts come from the campaign. */
export type WidgetTexts = {
  button: string;
  minimize: string;
  close: string;
  placeholder: string;
  send: string;
  attach: string;
  endChat: string;
  endChatConfirm: string;
  yes: string;
  no: string;
  chatEnded: string;
  newChat: string;
  agentJoined: string;
  agentTyping: string;
  visitorName: string;
  queued: string;
  queuePosition: string;
  noAgents: string;
  connecting: string;
  reconnecting: string;
  fileTooLarge: string;
  fileRejected: string;
  /** Too many chats or chat windows from the visitor's network (per-address limits). */
  busy: string;
  /** The visitor cannot send more files (per chat, or from their network for now). */
  tooManyFiles: string;
  you: string;
  agent: string;
  /** The chat button's badge, one unread message ("1 new message"); `unread` is every other count. */
  unreadOne: string;
  unread: string;
  /** An error the server reported that the visitor can do nothing about but try again. */
  errorGeneric: string;
  /** INV-2, the offline form (its introduction is `noAgents` unless the campaign has its own). */
  offlineName: string;
  offlineEmail: string;
  offlineMessage: string;
  offlineSend: string;
  offlineTooLong: string;
  offlineEmailInvalid: string;
  offlineMessageRequired: string;
  /** After sending: the truth, never a queue position. */
  offlineSentEmail: string;
  offlineSentVisit: string;
  /** GOL-2, the survey: each smiley's name (worst first), the thumbs, the group's name without a question. */
  rating1: string;
  rating2: string;
  rating3: string;
  rating4: string;
  rating5: string;
  thumbDown: string;
  thumbUp: string;
  rateChat: string;
  /** After sending, when the campaign has no thank-you message of its own. */
  surveySent: string;
  surveyClosed: string;
  /** INV-6: an agent invites the visitor by hand (`{name}`: the agent's name). */
  handInviteTitle: string;
  handInviteText: string;
  handInviteAccept: string;
  handInviteDecline: string;
  /**
   * TLS-5, the screen-share toggle (its own texts are the campaign's, `cobrowseTextsFor`): while sharing, and
   * when sharing cannot start.
   */
  cobrowseSharing: string;
  cobrowseFailed: string;
};

export const widgetTexts: Record<Language, WidgetTexts> = {
  en: {
    button: 'Chat with us',
    minimize: 'Minimise chat',
    close: 'Close chat window',
    placeholder: 'Type your message…',
    send: 'Send',
    attach: 'Attach a file',
    endChat: 'End chat',
    endChatConfirm: 'End this chat?',
    yes: 'Yes',
    no: 'No',
    chatEnded: 'The chat has ended.',
    newChat: 'Start a new chat',
    agentJoined: '{name} joined the chat',
    agentTyping: '{name} is typing…',
    visitorName: 'You',
    queued: 'Please wait a moment, an agent will be with you shortly.',
    queuePosition: 'You are number {n} in the queue.',
    noAgents: 'No agent is available right now. Leave a message and we will answer as soon as we can.',
    connecting: 'Connecting…',
    reconnecting: 'Connection lost. Reconnecting…',
    fileTooLarge: 'The file is too large (at most {mb} MB).',
    fileRejected: 'This file cannot be sent.',
    busy: 'Many chats are coming from your network right now. Please try again in a few minutes.',
    tooManyFiles: 'No more files can be sent right now.',
    you: 'You',
    agent: 'Agent',
    unreadOne: '{n} new message',
    unread: '{n} new messages',
    errorGeneric: 'Something went wrong. Please try again.',
    offlineName: 'Name (optional)',
    offlineEmail: 'Email (optional)',
    offlineMessage: 'Message',
    offlineSend: 'Send message',
    offlineTooLong: 'This is too long.',
    offlineEmailInvalid: 'Enter an email address like name@example.com.',
    offlineMessageRequired: 'Write your message.',
    offlineSentEmail: 'Thank you, your message was sent. We will answer you by email.',
    offlineSentVisit: 'Thank you, your message was sent. You will find our answer here on your next visit.',
    rating1: 'Very bad',
    rating2: 'Bad',
    rating3: 'Okay',
    rating4: 'Good',
    rating5: 'Very good',
    thumbDown: 'Bad',
    thumbUp: 'Good',
    rateChat: 'Rate this chat',
    surveySent: 'Your rating was sent.',
    surveyClosed: 'This survey has closed.',
    handInviteTitle: '{name} would like to chat with you',
    handInviteText: 'Hello! Can I help you with anything?',
    handInviteAccept: 'Start chat',
    handInviteDecline: 'No, thanks',
    cobrowseSharing: 'The agent can see this page. Fields you type in stay hidden.',
    cobrowseFailed: 'Screen sharing is not possible right now.',
  },
  nl: {
    button: 'Chat met ons',
    minimize: 'Chat minimaliseren',
    close: 'Chatvenster sluiten',
    placeholder: 'Typ je bericht…',
    send: 'Versturen',
    attach: 'Bestand bijvoegen',
    endChat: 'Chat beëindigen',
    endChatConfirm: 'Deze chat beëindigen?',
    yes: 'Ja',
    no: 'Nee',
    chatEnded: 'De chat is beëindigd.',
    newChat: 'Nieuwe chat starten',
    agentJoined: '{name} neemt deel aan de chat',
    agentTyping: '{name} is aan het typen…',
    visitorName: 'Jij',
    queued: 'Een ogenblik geduld, een medewerker helpt je zo.',
    queuePosition: 'Je bent nummer {n} in de wachtrij.',
    noAgents:
      'Er is nu geen medewerker beschikbaar. Laat een bericht achter, we antwoorden zo snel mogelijk.',
    connecting: 'Verbinden…',
    reconnecting: 'Verbinding verbroken. Opnieuw verbinden…',
    fileTooLarge: 'Het bestand is te groot (maximaal {mb} MB).',
    fileRejected: 'Dit bestand kan niet worden verstuurd.',
    busy: 'Er komen nu veel chats vanaf je netwerk. Probeer het over een paar minuten opnieuw.',
    tooManyFiles: 'Er kunnen nu geen bestanden meer worden verstuurd.',
    you: 'Jij',
    agent: 'Medewerker',
    unreadOne: '{n} nieuw bericht',
    unread: '{n} nieuwe berichten',
    errorGeneric: 'Er ging iets mis. Probeer het opnieuw.',
    offlineName: 'Naam (optioneel)',
    offlineEmail: 'E-mail (optioneel)',
    offlineMessage: 'Bericht',
    offlineSend: 'Bericht versturen',
    offlineTooLong: 'Dit is te lang.',
    offlineEmailInvalid: 'Vul een e-mailadres in zoals naam@voorbeeld.nl.',
    offlineMessageRequired: 'Schrijf uw bericht.',
    offlineSentEmail: 'Bedankt, uw bericht is verstuurd. We antwoorden u per e-mail.',
    offlineSentVisit: 'Bedankt, uw bericht is verstuurd. Bij uw volgende bezoek vindt u ons antwoord hier.',
    rating1: 'Heel slecht',
    rating2: 'Slecht',
    rating3: 'Gaat wel',
    rating4: 'Goed',
    rating5: 'Heel goed',
    thumbDown: 'Slecht',
    thumbUp: 'Goed',
    rateChat: 'Beoordeel deze chat',
    surveySent: 'Je beoordeling is verstuurd.',
    surveyClosed: 'Deze enquête is gesloten.',
    handInviteTitle: '{name} wil graag met u chatten',
    handInviteText: 'Hallo! Kan ik u ergens mee helpen?',
    handInviteAccept: 'Chat starten',
    handInviteDecline: 'Nee, bedankt',
    cobrowseSharing: 'De medewerker ziet deze pagina. Wat u in velden typt, blijft verborgen.',
    cobrowseFailed: 'Scherm delen is nu niet mogelijk.',
  },
  de: {
    button: 'Chatten Sie mit uns',
    minimize: 'Chat minimieren',
    close: 'Chatfenster schließen',
    placeholder: 'Ihre Nachricht…',
    send: 'Senden',
    attach: 'Datei anhängen',
    endChat: 'Chat beenden',
    endChatConfirm: 'Diesen Chat beenden?',
    yes: 'Ja',
    no: 'Nein',
    chatEnded: 'Der Chat wurde beendet.',
    newChat: 'Neuen Chat starten',
    agentJoined: '{name} ist dem Chat beigetreten',
    agentTyping: '{name} schreibt…',
    visitorName: 'Sie',
    queued: 'Bitte einen Moment Geduld, gleich ist ein Mitarbeiter für Sie da.',
    queuePosition: 'Sie sind Nummer {n} in der Warteschlange.',
    noAgents:
      'Gerade ist kein Mitarbeiter verfügbar. Hinterlassen Sie eine Nachricht, wir antworten so bald wie möglich.',
    connecting: 'Verbinden…',
    reconnecting: 'Verbindung unterbrochen. Neuer Versuch…',
    fileTooLarge: 'Die Datei ist zu groß (höchstens {mb} MB).',
    fileRejected: 'Diese Datei kann nicht gesendet werden.',
    busy: 'Aus Ihrem Netzwerk kommen gerade viele Chats. Bitte versuchen Sie es in ein paar Minuten erneut.',
    tooManyFiles: 'Im Moment können keine weiteren Dateien gesendet werden.',
    you: 'Sie',
    agent: 'Mitarbeiter',
    unreadOne: '{n} neue Nachricht',
    unread: '{n} neue Nachrichten',
    errorGeneric: 'Etwas ist schiefgelaufen. Bitte versuchen Sie es erneut.',
    offlineName: 'Name (optional)',
    offlineEmail: 'E-Mail (optional)',
    offlineMessage: 'Nachricht',
    offlineSend: 'Nachricht senden',
    offlineTooLong: 'Das ist zu lang.',
    offlineEmailInvalid: 'Geben Sie eine E-Mail-Adresse wie name@beispiel.de ein.',
    offlineMessageRequired: 'Schreiben Sie Ihre Nachricht.',
    offlineSentEmail: 'Danke, Ihre Nachricht wurde gesendet. Wir antworten Ihnen per E-Mail.',
    offlineSentVisit:
      'Danke, Ihre Nachricht wurde gesendet. Bei Ihrem nächsten Besuch finden Sie unsere Antwort hier.',
    rating1: 'Sehr schlecht',
    rating2: 'Schlecht',
    rating3: 'Okay',
    rating4: 'Gut',
    rating5: 'Sehr gut',
    thumbDown: 'Schlecht',
    thumbUp: 'Gut',
    rateChat: 'Diesen Chat bewerten',
    surveySent: 'Ihre Bewertung wurde gesendet.',
    surveyClosed: 'Diese Umfrage ist geschlossen.',
    handInviteTitle: '{name} möchte mit Ihnen chatten',
    handInviteText: 'Hallo! Kann ich Ihnen weiterhelfen?',
    handInviteAccept: 'Chat starten',
    handInviteDecline: 'Nein, danke',
    cobrowseSharing: 'Der Mitarbeiter sieht diese Seite. Was Sie in Felder eingeben, bleibt verborgen.',
    cobrowseFailed: 'Bildschirm teilen ist gerade nicht möglich.',
  },
  fr: {
    button: 'Discutez avec nous',
    minimize: 'Réduire le chat',
    close: 'Fermer la fenêtre de chat',
    placeholder: 'Écrivez votre message…',
    send: 'Envoyer',
    attach: 'Joindre un fichier',
    endChat: 'Terminer le chat',
    endChatConfirm: 'Terminer ce chat ?',
    yes: 'Oui',
    no: 'Non',
    chatEnded: 'Le chat est terminé.',
    newChat: 'Nouveau chat',
    agentJoined: '{name} a rejoint le chat',
    agentTyping: '{name} écrit…',
    visitorName: 'Vous',
    queued: 'Un instant, un conseiller va vous répondre.',
    queuePosition: 'Vous êtes numéro {n} dans la file.',
    noAgents: "Aucun conseiller n'est disponible. Laissez un message, nous répondrons dès que possible.",
    connecting: 'Connexion…',
    reconnecting: 'Connexion perdue. Reconnexion…',
    fileTooLarge: 'Le fichier est trop volumineux ({mb} Mo maximum).',
    fileRejected: 'Ce fichier ne peut pas être envoyé.',
    busy: 'Beaucoup de chats viennent de votre réseau en ce moment. Veuillez réessayer dans quelques minutes.',
    tooManyFiles: 'Aucun autre fichier ne peut être envoyé pour le moment.',
    you: 'Vous',
    agent: 'Conseiller',
    unreadOne: '{n} nouveau message',
    unread: '{n} nouveaux messages',
    errorGeneric: 'Un problème est survenu. Veuillez réessayer.',
    offlineName: 'Nom (facultatif)',
    offlineEmail: 'E-mail (facultatif)',
    offlineMessage: 'Message',
    offlineSend: 'Envoyer le message',
    offlineTooLong: 'C’est trop long.',
    offlineEmailInvalid: 'Saisissez une adresse e-mail comme nom@exemple.fr.',
    offlineMessageRequired: 'Écrivez votre message.',
    offlineSentEmail: 'Merci, votre message a été envoyé. Nous vous répondrons par e-mail.',
    offlineSentVisit:
      'Merci, votre message a été envoyé. Vous trouverez notre réponse ici lors de votre prochaine visite.',
    rating1: 'Très mauvais',
    rating2: 'Mauvais',
    rating3: 'Correct',
    rating4: 'Bien',
    rating5: 'Très bien',
    thumbDown: 'Mauvais',
    thumbUp: 'Bien',
    rateChat: 'Évaluer ce chat',
    surveySent: 'Votre évaluation a été envoyée.',
    surveyClosed: 'Ce questionnaire est fermé.',
    handInviteTitle: '{name} aimerait discuter avec vous',
    handInviteText: 'Bonjour ! Puis-je vous aider ?',
    handInviteAccept: 'Démarrer le chat',
    handInviteDecline: 'Non, merci',
    cobrowseSharing: 'L’agent voit cette page. Ce que vous saisissez dans les champs reste masqué.',
    cobrowseFailed: "Le partage d'écran n'est pas possible pour le moment.",
  },
  es: {
    button: 'Chatea con nosotros',
    minimize: 'Minimizar chat',
    close: 'Cerrar la ventana de chat',
    placeholder: 'Escribe tu mensaje…',
    send: 'Enviar',
    attach: 'Adjuntar archivo',
    endChat: 'Terminar chat',
    endChatConfirm: '¿Terminar este chat?',
    yes: 'Sí',
    no: 'No',
    chatEnded: 'El chat ha terminado.',
    newChat: 'Iniciar un chat nuevo',
    agentJoined: '{name} se ha unido al chat',
    agentTyping: '{name} está escribiendo…',
    visitorName: 'Tú',
    queued: 'Un momento, un agente te atenderá enseguida.',
    queuePosition: 'Eres el número {n} en la cola.',
    noAgents: 'No hay ningún agente disponible. Deja un mensaje y te responderemos lo antes posible.',
    connecting: 'Conectando…',
    reconnecting: 'Conexión perdida. Reconectando…',
    fileTooLarge: 'El archivo es demasiado grande (máximo {mb} MB).',
    fileRejected: 'Este archivo no se puede enviar.',
    busy: 'Ahora mismo llegan muchos chats desde tu red. Inténtalo de nuevo en unos minutos.',
    tooManyFiles: 'No se pueden enviar más archivos por ahora.',
    you: 'Tú',
    agent: 'Agente',
    unreadOne: '{n} mensaje nuevo',
    unread: '{n} mensajes nuevos',
    errorGeneric: 'Algo ha ido mal. Inténtalo de nuevo.',
    offlineName: 'Nombre (opcional)',
    offlineEmail: 'Correo electrónico (opcional)',
    offlineMessage: 'Mensaje',
    offlineSend: 'Enviar mensaje',
    offlineTooLong: 'Es demasiado largo.',
    offlineEmailInvalid: 'Escriba una dirección de correo como nombre@ejemplo.es.',
    offlineMessageRequired: 'Escriba su mensaje.',
    offlineSentEmail: 'Gracias, su mensaje se ha enviado. Le responderemos por correo electrónico.',
    offlineSentVisit:
      'Gracias, su mensaje se ha enviado. Encontrará nuestra respuesta aquí en su próxima visita.',
    rating1: 'Muy mal',
    rating2: 'Mal',
    rating3: 'Regular',
    rating4: 'Bien',
    rating5: 'Muy bien',
    thumbDown: 'Mal',
    thumbUp: 'Bien',
    rateChat: 'Valora este chat',
    surveySent: 'Tu valoración se ha enviado.',
    surveyClosed: 'Esta encuesta está cerrada.',
    handInviteTitle: '{name} quiere chatear con usted',
    handInviteText: '¡Hola! ¿Puedo ayudarle en algo?',
    handInviteAccept: 'Iniciar chat',
    handInviteDecline: 'No, gracias',
    cobrowseSharing: 'El agente ve esta página. Lo que escriba en los campos permanece oculto.',
    cobrowseFailed: 'No es posible compartir la pantalla en este momento.',
  },
};

/**
 * The text for a count in the widget's language, by its plural rule (`Intl.PluralRules`, no i18n library in the
 * widget): `one` for "1 new message" (and French 0 and 1), `other` for the rest.
 */
export function plural(language: string, n: number, one: string, other: string): string {
  return new Intl.PluralRules(language).select(n) === 'one' ? one : other;
}

/** Fills `{name}`-style placeholders. */
export function fillText(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}
