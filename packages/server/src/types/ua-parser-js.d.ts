// ua-parser-js 1.0.x (MIT) ships no types; only what the visitors module uses. (2.x is AGPL: not used.)
declare module 'ua-parser-js' {
  interface Part {
    name?: string;
    version?: string;
    major?: string;
  }
  interface Result {
    ua: string;
    browser: Part;
    os: Part;
    device: { vendor?: string; model?: string; type?: string };
  }
  class UAParser {
    constructor(ua?: string);
    getResult(): Result;
  }
  export default UAParser;
}
