/**
 * TLS-5: the messages between the console's Screen share section and the replay document in its frame (both on
 * our origin, by postMessage). The replay document is served by `/cobrowse/replay/:chatId` with a CSP that lets it
 * load the visitor site's stylesheets, images and fonts (the campaign's extra CSP domains); the console's own CSP
 * does not.
 */
export type ConsoleToReplay =
  /** A batch of the visitor's recorded events: the JSON text of an array of rrweb events. */
  | { source: 'parley-console'; type: 'events'; data: string }
  /** The title and language of the replay's frame (for screen readers). */
  | { source: 'parley-console'; type: 'init'; title: string; lang: string };

export type ReplayToConsole =
  /** Loaded: events may come. */
  | { source: 'parley-replay'; type: 'ready' }
  /** The visitor's page shows (a full snapshot was replayed), at the visitor's window size. */
  | { source: 'parley-replay'; type: 'showing'; width: number; height: number };
